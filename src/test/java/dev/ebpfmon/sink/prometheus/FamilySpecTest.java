package dev.ebpfmon.sink.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.chart.Algorithm;
import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Dimension;
import io.prometheus.metrics.model.snapshots.Unit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The naming table of the package documentation, row by row. */
class FamilySpecTest {

    static Chart chart(String context, String units, Algorithm algorithm) {
        String[] typeAndId = context.split("\\.", 2);
        return Chart.builder(typeAndId[0], typeAndId[1]).title("t").units(units).context(context).module("m")
                .dimensions(Dimension.of("d", algorithm)).build();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            filesystem.file_descriptor | calls/s      | INCREMENTAL | ebpfmon_filesystem_file_descriptor_calls | COUNTER |         | 1
            filesystem.vfs_io_bytes    | bytes/s      | INCREMENTAL | ebpfmon_filesystem_vfs_io_bytes         | COUNTER | bytes   | 1
            ip.total_tcp_bandwidth     | kilobits/s   | INCREMENTAL | ebpfmon_ip_total_tcp_bandwidth_bytes    | COUNTER | bytes   | 125
            mem.swap                   | KiB/s        | INCREMENTAL | ebpfmon_mem_swap_bytes                  | COUNTER | bytes   | 1024
            system.hardirq_latency     | milliseconds | INCREMENTAL | ebpfmon_system_hardirq_latency_seconds  | COUNTER | seconds | 0.001
            system.softirq_latency     | milliseconds | ABSOLUTE    | ebpfmon_system_softirq_latency_seconds  | GAUGE   | seconds | 0.001
            mem.cachestat_ratio        | %            | ABSOLUTE    | ebpfmon_mem_cachestat_ratio             | GAUGE   | ratio   | 0.01
            mem.cachestat_dirties      | page/s       | INCREMENTAL | ebpfmon_mem_cachestat_dirties_pages     | COUNTER |         | 1
            mem.oom_kill               | kills        | INCREMENTAL | ebpfmon_mem_oom_kill                    | COUNTER |         | 1
            system.process_status      | difference   | ABSOLUTE    | ebpfmon_system_process_status           | GAUGE   |         | 1
            netdata.ebpf_threads       | boolean      | ABSOLUTE    | ebpfmon_netdata_ebpf_threads            | GAUGE   |         | 1
            netdata.ebpf_load_methods  | methods      | ABSOLUTE    | ebpfmon_netdata_ebpf_load_methods       | GAUGE   |         | 1
            filesystem.dc_reference    | files        | ABSOLUTE    | ebpfmon_filesystem_dc_reference         | GAUGE   |         | 1
            ip.bandwidth               | bytes/s      | ABSOLUTE    | ebpfmon_ip_bandwidth_bytes_per_second   | GAUGE   | bytes_per_second | 1
            mem.hit_ratio              | %            | PERCENTAGE_OF_INCREMENTAL_ROW | ebpfmon_mem_hit_ratio     | COUNTER |  | 1
            mem.hits                   | %            | PERCENTAGE_OF_ABSOLUTE_ROW    | ebpfmon_mem_hits          | GAUGE   |  | 1
            apps.file_open             | calls/s      | INCREMENTAL | ebpfmon_apps_file_open_calls            | COUNTER |         | 1
            cgroup.fd_open             | calls/s      | INCREMENTAL | ebpfmon_cgroup_fd_open_calls            | COUNTER |         | 1
            services.fd_open           | calls/s      | INCREMENTAL | ebpfmon_cgroup_fd_open_calls            | COUNTER |         | 1
            apps.vfs_write_call        | calls/s      | INCREMENTAL | ebpfmon_apps_vfs_write_call             | COUNTER |         | 1
            cgroup.vfs_write           | calls/s      | INCREMENTAL | ebpfmon_cgroup_vfs_write_calls          | COUNTER |         | 1
            apps.vfs_write_bytes       | bytes/s      | INCREMENTAL | ebpfmon_apps_vfs_write_bytes            | COUNTER | bytes   | 1
            apps.task_error            | calls/s      | INCREMENTAL | ebpfmon_apps_task_error_calls           | COUNTER |         | 1
            apps.oomkills              | kills        | INCREMENTAL | ebpfmon_apps_oomkills                   | COUNTER |         | 1
            cgroup.oomkills            | kills        | INCREMENTAL | ebpfmon_cgroup_oomkills                 | COUNTER |         | 1
            apps.bandwidth_tcp_retransmit | calls/s   | INCREMENTAL | ebpfmon_apps_bandwidth_tcp_retransmit_calls | COUNTER |         | 1
            mem.sync                   | calls/s      | INCREMENTAL | ebpfmon_mem_sync_calls                  | COUNTER |         | 1
            ip.tcp_retransmit          | calls/s      | INCREMENTAL | ebpfmon_ip_tcp_retransmit_calls         | COUNTER |         | 1
            ip.tcp_functions           | calls/s      | INCREMENTAL | ebpfmon_ip_tcp_functions_calls          | COUNTER |         | 1
            weird.x-y_total            | calls/s      | INCREMENTAL | ebpfmon_weird_x_y_total_calls           | COUNTER |         | 1
            weird.ends_total           |              | INCREMENTAL | ebpfmon_weird_ends                      | COUNTER |         | 1
            """)
    void namesUnitsAndFactors(String context, String units, Algorithm algorithm, String name, MetricKind kind,
            String unit, double factor) {
        FamilySpec spec = FamilySpec.of(chart(context, units == null ? "" : units, algorithm), null);
        assertThat(spec.name()).isEqualTo(name);
        assertThat(spec.kind()).isEqualTo(kind);
        assertThat(spec.unit()).isEqualTo(unit == null ? null : new Unit(unit));
        assertThat(spec.factor()).isEqualTo(factor);
    }

    @ParameterizedTest
    @CsvSource({"filesystem.vfs_io, HOST", "apps.vfs_read_call, APPS", "cgroup.fd_open, CGROUP",
        "services.fd_open, CGROUP", "system.cgroup_x, HOST"})
    void labelSchemeFollowsTheContext(String context, LabelScheme scheme) {
        assertThat(LabelScheme.of(context)).isEqualTo(scheme);
    }

    @ParameterizedTest
    @CsvSource({"cgroup_docker-1a2b, docker-1a2b", "cgroup_, cgroup_", "systemd_sshd, systemd_sshd"})
    void cgroupNameFromChartType(String type, String cgroup) {
        Chart c = Chart.builder(type, "fd_open").context("cgroup.fd_open")
                .dimensions(Dimension.incremental("open")).build();
        assertThat(LabelScheme.cgroupOf(c)).isEqualTo(cgroup);
    }
}
