package dev.ebpfmon.module.swap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.config.ModuleSettings;
import dev.ebpfmon.module.CounterChart;
import dev.ebpfmon.module.ModuleContext;
import dev.ebpfmon.module.ProbePoint;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Calls as running totals; the drift against /proc/vmstat per tick; the vmstat reader. */
class SwapModuleTest {
    private final SwapModule module = new SwapModule();

    @Test
    void swapcallsAreRunningTotalsAndTheDriftIsTheKernelsPagesLessTheHooksPerTick() {
        List<CounterChart> charts = module.hostCharts(ModuleContext.of(ModuleSettings.builtIn("swap")));
        long[] before = new long[SwapModule.SLOTS];
        before[SwapModule.PSWPIN] = 1000;
        before[SwapModule.PSWPOUT] = 5000;
        long[] now = before.clone();
        now[SwapCounter.READ_CALL.id()] = 7;
        now[SwapCounter.WRITE_CALL.id()] = 9;
        now[SwapCounter.READ_PAGES.id()] = 7;
        now[SwapCounter.WRITE_PAGES.id()] = 9 + 511; // one huge page among the writes
        now[SwapModule.PSWPIN] = 1000 + 10; // 3 reads the hook did not see
        now[SwapModule.PSWPOUT] = 5000 + 520;
        assertThat(charts.get(0).chart().fullId()).isEqualTo("system.swapcalls");
        assertThat(charts.get(0).sample(now, before).values()).containsExactly(7, 9);
        assertThat(charts.get(1).chart().fullId()).isEqualTo("system.swapcalls_drift");
        assertThat(charts.get(1).sample(now, before).values()).containsExactly(3, 0);
    }

    @Test
    void takesTheFunctionsAsTheKernelNamesThemAndNeedsBoth() {
        List<ProbePoint> points = module.uses(ModuleContext.of(ModuleSettings.builtIn("swap"))).getFirst().probePoints();
        assertThat(points).extracting(ProbePoint::name).containsExactly("swap_read", "swap_write");
        assertThat(points).noneMatch(ProbePoint::optional);
        assertThat(points.get(0).variants().get(0).functions()).containsExactly("swap_read_folio", "swap_readpage");
        assertThat(points.get(1).variants().get(0).functions()).containsExactly("__swap_writepage", "swap_writepage",
                "swap_writeout");
    }
}
