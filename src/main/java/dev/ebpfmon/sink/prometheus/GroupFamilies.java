package dev.ebpfmon.sink.prometheus;

import java.util.Map;

/**
 * One family name per quantity for per-application and per-cgroup charts. Netdata names the same
 * quantity differently per application ({@code apps.vfs_write_call}) and per cgroup
 * ({@code cgroup.vfs_write}, {@code services.vfs_write}); exported as they are, the names would
 * differ in more than their scope. Both become {@code <scope>_<cgroup word>}: {@code apps_vfs_write}
 * and {@code cgroup_vfs_write}, services included in {@code cgroup} (a systemd service is a
 * cgroup), so that a query or a dashboard panel switches between them by its prefix alone.
 */
final class GroupFamilies {
    static final String APPS = "apps";
    static final String CGROUP = "cgroup";
    static final String SERVICES = "services";

    /**
     * Netdata's per-application chart ids whose per-cgroup context is spelled differently (Netdata
     * 1.37's ebpf.plugin: the cgroup chart keeps the application chart's id but gets another
     * context). Ids not listed are the same in both.
     */
    static final Map<String, String> APPS_TO_CGROUP = Map.ofEntries(
            Map.entry("file_open", "fd_open"),
            Map.entry("file_open_error", "fd_open_error"),
            Map.entry("file_closed", "fd_close"),
            Map.entry("file_close_error", "fd_close_error"),
            Map.entry("file_deleted", "vfs_unlink"),
            Map.entry("vfs_write_call", "vfs_write"),
            Map.entry("vfs_read_call", "vfs_read"),
            Map.entry("dc_hit_ratio", "dc_ratio"),
            Map.entry("shmget_call", "shmget"),
            Map.entry("shmat_call", "shmat"),
            Map.entry("shmdt_call", "shmdt"),
            Map.entry("shmctl_call", "shmctl"),
            Map.entry("swap_read_call", "swap_read"),
            Map.entry("swap_write_call", "swap_write"),
            Map.entry("total_bandwidth_sent", "net_bytes_send"),
            Map.entry("total_bandwidth_recv", "net_bytes_recv"),
            Map.entry("bandwidth_tcp_send", "net_tcp_send"),
            Map.entry("bandwidth_tcp_recv", "net_tcp_recv"),
            Map.entry("bandwidth_tcp_retransmit", "net_retransmit"),
            Map.entry("bandwidth_udp_send", "net_udp_send"),
            Map.entry("bandwidth_udp_recv", "net_udp_recv"),
            Map.entry("outbound_conn_v4", "net_conn_ipv4"),
            Map.entry("outbound_conn_v6", "net_conn_ipv6"));

    private GroupFamilies() {}

    /**
     * The family key of a chart context: {@code apps.vfs_write_call} gives {@code apps.vfs_write},
     * {@code services.vfs_write} gives {@code cgroup.vfs_write}; host contexts are their own key.
     */
    static String familyContext(String context) {
        int dot = context.indexOf('.');
        if (dot < 0) {
            return context;
        }
        String scope = context.substring(0, dot);
        String rest = context.substring(dot + 1);
        return switch (scope) {
            case APPS -> APPS + "." + APPS_TO_CGROUP.getOrDefault(rest, rest);
            case SERVICES, CGROUP -> CGROUP + "." + rest;
            default -> context;
        };
    }
}
