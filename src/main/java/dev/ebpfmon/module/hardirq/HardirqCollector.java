package dev.ebpfmon.module.hardirq;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.chart.Sample;
import dev.ebpfmon.chart.Tick;
import dev.ebpfmon.module.Collector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Per tick: the running total of handler time per device IRQ and per system vector (Netdata's
 * chart, in milliseconds; a dimension per IRQ as IRQs show up), and what /proc/interrupts counted
 * minus what the module counted since the tick before, per IRQ and per twin row of the vectors
 * attached (the drift). The charts are made again only when an IRQ or a twin row shows up.
 */
final class HardirqCollector implements Collector {
    private static final long NANOS_PER_MILLI = 1_000_000;
    private static final int VECTORS = HardirqVector.values().length;

    /** The module's totals since it started, filled in place by {@code read}. */
    record Readings(long[] irqLatencyNs, long[] irqEvents, long[] vectorLatencyNs, long[] vectorEvents) {}

    private final Readings readings;
    private final Runnable read;
    private final Supplier<List<ProcInterrupts.Row>> procInterrupts;
    private final Runnable onClose;
    private final Chart latencyTemplate;
    private final Chart driftTemplate;
    private final List<String> twinLabels;
    private final IrqDimensions irqs;
    private final long[] irqEventsBefore;
    private final long[] vectorEventsBefore = new long[VECTORS];
    /** /proc/interrupts' totals by row label, this tick's and the previous tick's (reused, swapped). */
    private Map<String, Long> kernel = new HashMap<>();
    private Map<String, Long> kernelBefore = new HashMap<>();
    /** Whether {@link #kernelBefore} was read: not before the second collection. */
    private boolean haveBefore;
    private final List<String> presentTwins = new ArrayList<>();
    private List<IrqDimensions.Irq> shown = List.of();
    /** The /proc/interrupts labels of {@link #shown}: their numbers. */
    private String[] shownLabels = new String[0];
    private List<String> twins = List.of();
    private Chart latency;
    private Chart drift;

    /**
     * @param read           fills {@code readings}
     * @param procInterrupts /proc/interrupts' rows now
     * @param attached       the vectors whose tracepoints are attached: only their twin rows are compared
     * @param latencyTemplate system.hardirq_latency, its dimensions replaced as IRQs show up
     * @param driftTemplate  system.hardirq_drift, the same
     */
    HardirqCollector(Readings readings, Runnable read, Supplier<List<ProcInterrupts.Row>> procInterrupts,
            Runnable onClose, Set<HardirqVector> attached, Chart latencyTemplate, Chart driftTemplate) {
        this.readings = readings;
        this.read = read;
        this.procInterrupts = procInterrupts;
        this.onClose = onClose;
        this.latencyTemplate = latencyTemplate;
        this.driftTemplate = driftTemplate;
        this.twinLabels = twinLabels(attached);
        this.irqs = irqDimensions();
        this.irqEventsBefore = new long[readings.irqEvents().length];
    }

    /** The device IRQs' dimensions of both charts, whose ids must not be a vector's or a twin row's. */
    static IrqDimensions irqDimensions() {
        Set<String> reserved = new java.util.HashSet<>(allTwinLabels());
        for (HardirqVector v : HardirqVector.values()) {
            reserved.add(v.dimension());
        }
        return new IrqDimensions(reserved);
    }

    /** Every twin row of /proc/interrupts, in the vectors' order. */
    static List<String> allTwinLabels() {
        return twinLabels(Set.of(HardirqVector.values()));
    }

    /** The twin rows whose every vector is attached. */
    static List<String> twinLabels(Set<HardirqVector> attached) {
        List<String> labels = new ArrayList<>();
        for (HardirqVector v : HardirqVector.values()) {
            boolean all = true;
            for (HardirqVector w : HardirqVector.values()) {
                all &= !w.procLabel().equals(v.procLabel()) || attached.contains(w);
            }
            if (all && !labels.contains(v.procLabel())) {
                labels.add(v.procLabel());
            }
        }
        return List.copyOf(labels);
    }

    @Override
    public void collect(Tick tick) {
        read.run();
        List<ProcInterrupts.Row> rows = procInterrupts.get();
        Map<String, Long> twoTicksOld = kernelBefore;
        kernelBefore = kernel;
        kernel = twoTicksOld;
        kernel.clear();
        for (ProcInterrupts.Row r : rows) {
            kernel.put(r.label(), r.total());
        }
        boolean grew = irqs.update(rows, readings.irqEvents());
        presentTwins.clear();
        for (String label : twinLabels) {
            if (kernel.containsKey(label)) {
                presentTwins.add(label);
            }
        }
        if (grew || latency == null || !presentTwins.equals(twins)) {
            shown = irqs.shown();
            shownLabels = shown.stream().map(irq -> Integer.toString(irq.number())).toArray(String[]::new);
            twins = List.copyOf(presentTwins);
            makeCharts();
        }
        tick.add(new Sample(latency, latencies()));
        tick.add(new Sample(drift, drifts()));
        haveBefore = true;
        System.arraycopy(readings.irqEvents(), 0, irqEventsBefore, 0, irqEventsBefore.length);
        System.arraycopy(readings.vectorEvents(), 0, vectorEventsBefore, 0, VECTORS);
    }

    private void makeCharts() {
        List<Dimension> latencies = new ArrayList<>();
        List<Dimension> drifts = new ArrayList<>();
        for (IrqDimensions.Irq irq : shown) {
            latencies.add(Dimension.incremental(irq.id()).named(irq.name()));
            drifts.add(Dimension.absolute(irq.id()).named(irq.name()));
        }
        for (HardirqVector v : HardirqVector.values()) {
            latencies.add(Dimension.incremental(v.dimension()));
        }
        for (String label : twins) {
            drifts.add(Dimension.absolute(label));
        }
        latency = latencyTemplate.withDimensions(latencies);
        drift = driftTemplate.withDimensions(drifts);
    }

    private long[] latencies() {
        long[] values = new long[shown.size() + VECTORS];
        int i = 0;
        for (IrqDimensions.Irq irq : shown) {
            values[i++] = irq.number() < readings.irqLatencyNs().length
                    ? readings.irqLatencyNs()[irq.number()] / NANOS_PER_MILLI : 0;
        }
        for (HardirqVector v : HardirqVector.values()) {
            values[i++] = readings.vectorLatencyNs()[v.ordinal()] / NANOS_PER_MILLI;
        }
        return values;
    }

    private long[] drifts() {
        long[] values = new long[shown.size() + twins.size()];
        if (!haveBefore) {
            return values;
        }
        int i = 0;
        for (IrqDimensions.Irq irq : shown) {
            String label = shownLabels[i];
            values[i++] = inBoth(label) ? kernel.get(label) - kernelBefore.get(label)
                    - (handlerRuns(readings.irqEvents(), irq) - handlerRuns(irqEventsBefore, irq)) : 0;
        }
        for (String label : twins) {
            long ours = 0;
            for (HardirqVector v : HardirqVector.values()) {
                if (v.procLabel().equals(label)) {
                    ours += readings.vectorEvents()[v.ordinal()] - vectorEventsBefore[v.ordinal()];
                }
            }
            values[i++] = inBoth(label) ? kernel.get(label) - kernelBefore.get(label) - ours : 0;
        }
        return values;
    }

    /** A row compared only when both this tick's and the previous tick's /proc/interrupts have it. */
    private boolean inBoth(String label) {
        return kernel.containsKey(label) && kernelBefore.containsKey(label);
    }

    /** Interrupts of the IRQ the module counted: every action's handler runs once per interrupt. */
    private static long handlerRuns(long[] events, IrqDimensions.Irq irq) {
        return irq.number() < events.length ? events[irq.number()] / irq.actions() : 0;
    }

    @Override
    public void close() {
        onClose.run();
    }
}
