package dev.ebpfmon.module.dcstat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.config.ModuleSettings;
import dev.ebpfmon.module.CounterChart;
import dev.ebpfmon.module.GroupChart;
import dev.ebpfmon.module.ModuleContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Netdata's directory-cache ratio, over the interval; the counts per interval. */
class DirectoryCacheIntervalTest {

    private static long[] counters(long reference, long slow, long miss) {
        return new long[] {reference, slow, miss};
    }

    @Test
    void theRatioIsLookupsNotEndingInAMissOverTheInterval() {
        assertThat(DirectoryCacheInterval.of(counters(1200, 40, 30), counters(1000, 20, 10)))
                .isEqualTo(new DirectoryCacheInterval(200, 20, 20));
        assertThat(new DirectoryCacheInterval(200, 20, 20).ratio()).isEqualTo(90);
        assertThat(new DirectoryCacheInterval(3, 3, 3).ratio()).isZero();
        assertThat(new DirectoryCacheInterval(0, 0, 0).ratio()).as("nothing looked up: nothing missed").isEqualTo(100);
        assertThat(new DirectoryCacheInterval(2, 7, 7).ratio()).as("creations miss without a cache lookup").isZero();
    }

    @Test
    void hostChartsShowTheIntervalsCountsAndRatio() {
        DcstatModule module = new DcstatModule();
        ModuleContext c = ModuleContext.of(ModuleSettings.builtIn("dcstat"));
        List<CounterChart> charts = module.hostCharts(c);
        long[] before = counters(1000, 20, 10);
        long[] now = counters(1200, 40, 30);
        assertThat(charts).extracting(cc -> cc.chart().fullId()).containsExactly("filesystem.dc_hit_ratio",
                "filesystem.dc_reference");
        assertThat(charts.get(0).sample(now, before).values()).containsExactly(90);
        assertThat(charts.get(1).sample(now, before).values()).containsExactly(200, 20, 20);
        assertThat(module.charts(c)).extracting(Chart::family).containsOnly("directory cache (eBPF)");
        List<GroupChart> groups = module.groupCharts(c);
        assertThat(groups).extracting(g -> g.value().of(now, before)).containsExactly(90L, 200L, 20L, 20L);
    }
}
