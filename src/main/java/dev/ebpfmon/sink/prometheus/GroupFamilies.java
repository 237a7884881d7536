package dev.ebpfmon.sink.prometheus;

import java.util.Map;

/**
 * One family name per quantity for per-application and per-cgroup charts. Netdata gives the same
 * quantity one chart id in its three layouts ({@code apps.vfs_write_call},
 * {@code cgroup_<name>.vfs_write_call}, {@code services.vfs_write_call}) but different contexts
 * ({@code apps.vfs_write_call}, {@code cgroup.vfs_write}); the family follows the id:
 * {@code apps.vfs_write_call} and {@code cgroup.vfs_write_call}, services included in
 * {@code cgroup} (a systemd service is a cgroup), so that a query or a dashboard panel switches
 * between them by its prefix alone, and no module's names need listing here.
 */
final class GroupFamilies {
    static final String APPS = "apps";
    static final String CGROUP = "cgroup";
    static final String SERVICES = "services";

    private GroupFamilies() {}

    /**
     * The family key of a chart: {@code apps.<id>} for per-application charts, {@code cgroup.<id>}
     * for per-cgroup and per-service ones; a host chart's context is its own key.
     */
    static String familyContext(dev.ebpfmon.chart.Chart chart) {
        String context = chart.context();
        int dot = context.indexOf('.');
        String scope = dot < 0 ? context : context.substring(0, dot);
        return switch (scope) {
            case APPS -> APPS + "." + chart.id();
            case SERVICES, CGROUP -> CGROUP + "." + chart.id();
            default -> context;
        };
    }
}
