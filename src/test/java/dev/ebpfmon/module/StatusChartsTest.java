package dev.ebpfmon.module;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.chart.Sample;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusChartsTest {
    private final List<ModuleStatus> statuses = List.of(ModuleStatus.running("fd", "tracepoint tp_btf: sys_enter"),
            ModuleStatus.running("process", "tracepoint tp_btf: sched_process_fork"),
            ModuleStatus.unavailable("dcstat", "lookup_fast: no usable variant"));

    @Test
    void countsRunningModulesAndTheirAttachMethods() {
        List<Sample> samples = new StatusCharts(statuses, 1).samples();
        assertThat(samples).extracting(s -> s.chart().context()).containsExactly("netdata.ebpf_threads",
                "netdata.ebpf_load_methods", "netdata.ebpf_attach_methods");
        assertThat(samples.get(0).chart().dimensions()).extracting(d -> d.id()).containsExactly("fd", "process", "dcstat");
        assertThat(samples.get(0).values()).containsExactly(1, 1, 0);
        assertThat(samples.get(1).values()).containsExactly(0, 2);
        assertThat(samples.get(2).values()).containsExactly(0, 0, 2);
    }

    @Test
    void theChartsAreMadeOnceForTheirListOfStatuses() {
        StatusCharts charts = new StatusCharts(statuses, 1);
        List<Sample> first = charts.samples();
        List<Sample> second = charts.samples();
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i).chart()).isSameAs(first.get(i).chart());
        }
        assertThat(charts.describe(statuses)).isTrue();
        assertThat(charts.describe(List.copyOf(new java.util.ArrayList<>(statuses)))).isFalse();
    }
}
