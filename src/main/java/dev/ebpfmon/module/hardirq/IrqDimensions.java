package dev.ebpfmon.module.hardirq;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which device IRQs have a dimension, and under which id and name. An IRQ gets one when it shows
 * up: the module saw its handler run, or /proc/interrupts counted it since the module started
 * (so that an IRQ the tracepoints miss shows as drift). Dimensions stay, in IRQ order, named as
 * /proc/interrupts names the IRQ (its actions; its number without any); where several lines
 * carry the same name, each name says its IRQ number. A line whose name changes (another device
 * on the number) gets a new dimension. Only the collecting thread uses it.
 */
final class IrqDimensions {
    /** A device IRQ's dimension; {@code actions}: how many handlers run per interrupt (at least 1). */
    record Irq(int number, String id, String name, int actions) {}

    private final Set<String> reservedIds;
    private final Map<Integer, Long> firstSeen = new HashMap<>();
    private final TreeMap<Integer, Irq> shown = new TreeMap<>();

    /** @param reservedIds dimension ids of the same charts that are not IRQs (the vectors, the twin rows) */
    IrqDimensions(Set<String> reservedIds) {
        this.reservedIds = Set.copyOf(reservedIds);
    }

    /**
     * Takes this tick's /proc/interrupts rows and the module's handler runs per IRQ number.
     *
     * @return whether a dimension was added or renamed
     */
    boolean update(List<ProcInterrupts.Row> rows, long[] events) {
        Map<String, Integer> lines = new HashMap<>();
        Map<Integer, ProcInterrupts.Row> byIrq = new HashMap<>();
        for (ProcInterrupts.Row row : rows) {
            if (row.irq() >= 0) {
                byIrq.put(row.irq(), row);
                lines.merge(row.name(), 1, Integer::sum);
                firstSeen.putIfAbsent(row.irq(), row.total());
            }
        }
        boolean changed = false;
        for (ProcInterrupts.Row row : rows) {
            if (row.irq() < 0) {
                continue;
            }
            boolean counted = row.irq() < events.length && events[row.irq()] > 0;
            if (counted || row.total() != firstSeen.get(row.irq()) || shown.containsKey(row.irq())) {
                String name = lines.get(row.name()) > 1 ? row.name() + " (" + row.irq() + ")" : row.name();
                changed |= show(row.irq(), name, Math.max(1, row.actions().size()));
            }
        }
        for (int irq = 0; irq < events.length; irq++) {
            if (events[irq] > 0 && !byIrq.containsKey(irq) && !shown.containsKey(irq)) {
                changed |= show(irq, Integer.toString(irq), 1); // its line went before it was read
            }
        }
        return changed;
    }

    private boolean show(int irq, String name, int actions) {
        Irq current = shown.get(irq);
        if (current != null && current.name().equals(name) && current.actions() == actions) {
            return false;
        }
        shown.remove(irq);
        Set<String> taken = new HashSet<>(reservedIds);
        shown.values().forEach(i -> taken.add(i.id()));
        String id = idOf(name);
        if (taken.contains(id)) {
            id = id + "_" + irq;
        }
        shown.put(irq, new Irq(irq, id, name, actions));
        return true;
    }

    /** The IRQs with a dimension, in IRQ order. */
    List<Irq> shown() {
        return new ArrayList<>(shown.values());
    }

    /**
     * A dimension id from a name, for plugins.d lines, which take it unquoted: each run of other
     * characters than letters, digits, '-', '_', '.' and ':' becomes one '_', none at either end.
     */
    static String idOf(String name) {
        String id = name.replaceAll("[^\\p{L}\\p{N}\\-_.:]+", "_").replaceAll("^_+|_+$", "");
        return id.isEmpty() ? "_" : id;
    }
}
