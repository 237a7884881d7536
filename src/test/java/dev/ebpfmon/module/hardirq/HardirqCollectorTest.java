package dev.ebpfmon.module.hardirq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.chart.Sample;
import dev.ebpfmon.chart.Tick;
import dev.ebpfmon.config.ModuleSettings;
import dev.ebpfmon.module.ModuleContext;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The collector over fake totals and /proc/interrupts texts: latency per IRQ and vector, drift per row. */
class HardirqCollectorTest {
    private final HardirqCollector.Readings readings = new HardirqCollector.Readings(new long[64], new long[64],
            new long[HardirqVector.values().length], new long[HardirqVector.values().length]);
    private final Deque<String> texts = new ArrayDeque<>();

    @Test
    void driftIsTheKernelsGrowthMinusInterruptsSeenPerDeviceIrqAndTwinRow() {
        // every vector but the call-function-single one: CAL (counting both) is not compared
        EnumSet<HardirqVector> attached = EnumSet.allOf(HardirqVector.class);
        attached.remove(HardirqVector.FUNC_CALL_SINGLE);
        HardirqCollector collector = collector(attached);

        texts.add(proc(100, 10, 1000, 50));
        Map<String, Long> first = latencies(tick(collector));
        assertThat(first).as("nothing seen yet: only the vectors").doesNotContainKey("shared");

        // a shared IRQ with two actions: 6 handler runs are 3 interrupts, the kernel counted 4
        readings.irqEvents()[16] = 6;
        readings.irqLatencyNs()[16] = 7_500_000;
        readings.vectorEvents()[HardirqVector.LOCAL_TIMER.ordinal()] = 995;
        readings.vectorLatencyNs()[HardirqVector.LOCAL_TIMER.ordinal()] = 2_000_000;
        readings.vectorEvents()[HardirqVector.FUNC_CALL.ordinal()] = 7;
        texts.add(proc(104, 10, 2000, 60));
        Tick tick = tick(collector);
        Map<String, Long> drift = values(tick, "system.hardirq_drift");
        assertThat(drift).containsEntry("a, b", 1L).containsEntry("LOC", 5L).doesNotContainKey("CAL");
        Map<String, Long> latency = latencies(tick);
        assertThat(latency).containsEntry("a, b", 7L).containsEntry("local_timer", 2L).containsEntry("func_call", 0L);
    }

    @Test
    void aTwinRowOfAVectorWithoutTracepointIsNotCompared() {
        HardirqCollector collector = collector(EnumSet.of(HardirqVector.LOCAL_TIMER));
        texts.add(proc(0, 0, 0, 0));
        texts.add(proc(0, 0, 10, 10));
        tick(collector);
        assertThat(values(tick(collector), "system.hardirq_drift")).containsOnlyKeys("LOC").containsEntry("LOC", 10L);
    }

    private HardirqCollector collector(EnumSet<HardirqVector> attached) {
        List<Chart> charts = new HardirqModule().charts(ModuleContext.of(ModuleSettings.builtIn("hardirq")));
        return new HardirqCollector(readings, () -> { }, () -> ProcInterrupts.rows(texts.poll()), () -> { }, attached,
                charts.get(0), charts.get(1));
    }

    /** IRQ 16 shared by actions a and b, IRQ 24 named c; LOC and CAL rows. */
    private static String proc(long irq16, long irq24, long loc, long cal) {
        return "       CPU0\n 16: " + irq16 + " IO-APIC 16-fasteoi a, b\n 24: " + irq24 + " IO-APIC 5-edge c\n"
                + "LOC: " + loc + " Local timer interrupts\nCAL: " + cal + " Function call interrupts\n";
    }

    private static Tick tick(HardirqCollector collector) {
        Tick tick = new Tick();
        collector.collect(tick);
        return tick;
    }

    private static Map<String, Long> latencies(Tick tick) {
        return values(tick, "system.hardirq_latency");
    }

    private static Map<String, Long> values(Tick tick, String chart) {
        Sample s = tick.samples().stream().filter(x -> x.chart().fullId().equals(chart)).findFirst().orElseThrow();
        Map<String, Long> values = new HashMap<>();
        List<Dimension> dims = s.chart().dimensions();
        for (int i = 0; i < dims.size(); i++) {
            values.put(dims.get(i).name(), s.values()[i]);
        }
        return values;
    }
}
