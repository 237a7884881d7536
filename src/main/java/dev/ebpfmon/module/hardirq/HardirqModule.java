package dev.ebpfmon.module.hardirq;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.ChartType;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.kernel.ProcFile;
import dev.ebpfmon.module.Collector;
import dev.ebpfmon.module.LoadedObjects;
import dev.ebpfmon.module.MapSpec;
import dev.ebpfmon.module.Module;
import dev.ebpfmon.module.ModuleContext;
import dev.ebpfmon.module.ModuleInfo;
import dev.ebpfmon.module.ObjectUse;
import dev.ebpfmon.module.Placeholders;
import dev.ebpfmon.module.ProbePoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * hardirq: time spent in hardware interrupt handlers, per device IRQ
 * ({@code irq:irq_handler_entry/exit}) and per x86 system vector ({@code irq_vectors:*}, those
 * this kernel has: the others are not attached and their dimensions stay 0, as in Netdata),
 * Netdata's {@code system.hardirq_latency}; and, beyond Netdata, how many interrupts
 * /proc/interrupts counted that the tracepoints did not see, per tick ({@code system.hardirq_drift}).
 */
public final class HardirqModule implements Module {
    static final String OBJECT = "hardirq";
    static final String IRQS_MAP = "hardirq_irqs";
    static final String VECTORS_MAP = "hardirq_vectors";
    static final Path PROC_INTERRUPTS = Path.of("/proc/interrupts");
    static final Path SYS_IRQS = Path.of("/sys/kernel/irq");
    private static final String FAMILY = "interrupts";

    private static final ModuleInfo INFO = ModuleInfo.of("hardirq", 15, "Hardware IRQs", true);

    @Override
    public ModuleInfo info() {
        return INFO;
    }

    @Override
    public List<ObjectUse> uses(ModuleContext context) {
        List<ProbePoint> points = new ArrayList<>(List.of(
                ProbePoint.tracepoint("irq_handler_entry", "irq_handler_entry_btf", "irq_handler_entry_raw"),
                ProbePoint.tracepoint("irq_handler_exit", "irq_handler_exit_btf", "irq_handler_exit_raw")));
        for (HardirqVector v : attached(context)) {
            for (String side : List.of("_entry", "_exit")) {
                String event = v.event() + side;
                points.add(ProbePoint.tracepoint(event, event + "_btf", event + "_raw"));
            }
        }
        return List.of(new ObjectUse(OBJECT, points, Map.of(), Map.of(
                IRQS_MAP, MapSpec.entries(irqTableSize(highestIrq())),
                VECTORS_MAP, MapSpec.compiled(),
                "hardirq_start", MapSpec.compiled())));
    }

    /** The vectors whose entry and exit tracepoints this kernel has. */
    static Set<HardirqVector> attached(ModuleContext context) {
        Set<HardirqVector> attached = EnumSet.noneOf(HardirqVector.class);
        for (HardirqVector v : HardirqVector.values()) {
            if (context.kernel().hasTracepoint(HardirqVector.CATEGORY, v.event() + "_entry")
                    && context.kernel().hasTracepoint(HardirqVector.CATEGORY, v.event() + "_exit")) {
                attached.add(v);
            }
        }
        return attached;
    }

    /**
     * Room for twice the IRQ numbers in use (devices come and go), within [256, 8192]: 16 bytes
     * per entry and CPU. An IRQ beyond it is not timed, and shows as drift.
     */
    static int irqTableSize(int highestIrq) {
        return Math.clamp(2L * (highestIrq + 1), 256, 8192);
    }

    /** The highest IRQ number the kernel has a descriptor for (/sys/kernel/irq), -1 if unknown. */
    private static int highestIrq() {
        try (Stream<Path> irqs = Files.list(SYS_IRQS)) {
            return irqs.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d{1,9}"))
                    .mapToInt(Integer::parseInt).max().orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    /** The x86 vectors this kernel has no tracepoints for, which `check` names. */
    @Override
    public String limits(ModuleContext context) {
        Set<HardirqVector> attached = attached(context);
        List<String> skipped = Stream.of(HardirqVector.values()).filter(v -> !attached.contains(v))
                .map(v -> HardirqVector.CATEGORY + ":" + v.event() + "_*").toList();
        return skipped.isEmpty() ? "" : "not timed, this kernel has no " + String.join(", ", skipped);
    }

    @Override
    public Collector collector(ModuleContext context, LoadedObjects objects) {
        HandlerTotals irqs = new HandlerTotals(objects.map(OBJECT, IRQS_MAP));
        HandlerTotals vectors;
        try {
            vectors = new HandlerTotals(objects.map(OBJECT, VECTORS_MAP));
        } catch (RuntimeException e) {
            irqs.close();
            throw e;
        }
        List<Chart> charts = charts(context);
        ProcFile interrupts = new ProcFile(PROC_INTERRUPTS);
        ProcInterrupts rows = new ProcInterrupts();
        return new HardirqCollector(
                new HardirqCollector.Readings(irqs.latencyNs, irqs.events, vectors.latencyNs, vectors.events),
                () -> {
                    irqs.read();
                    vectors.read();
                },
                () -> {
                    interrupts.read();
                    return rows.read(interrupts.bytes(), interrupts.length());
                }, () -> {
                    interrupts.close();
                    irqs.close();
                    vectors.close();
                }, attached(context), charts.get(0), charts.get(1));
    }

    @Override
    public List<Chart> charts(ModuleContext context) {
        String irq = Placeholders.of("irq");
        List<Dimension> latencies = new ArrayList<>(List.of(Dimension.incremental(irq)));
        Stream.of(HardirqVector.values()).forEach(v -> latencies.add(Dimension.incremental(v.dimension())));
        List<Dimension> drifts = new ArrayList<>(List.of(Dimension.absolute(irq)));
        HardirqCollector.allTwinLabels().forEach(label -> drifts.add(Dimension.absolute(label)));
        Chart latency = Chart.builder("system", "hardirq_latency").title("Hardware IRQ latency").units("milliseconds")
                .family(FAMILY).chartType(ChartType.STACKED).priority(2900).updateEvery(context.updateEvery())
                .module(name()).dimensions(latencies).build();
        Chart drift = Chart.builder("system", "hardirq_drift")
                .title("Hardware IRQs in /proc/interrupts not seen by eBPF").units("interrupts").family(FAMILY)
                .chartType(ChartType.LINE).priority(2901).updateEvery(context.updateEvery()).module(name())
                .dimensions(drifts).build();
        return List.of(latency, drift);
    }
}
