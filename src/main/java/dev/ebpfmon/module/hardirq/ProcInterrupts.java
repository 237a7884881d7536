package dev.ebpfmon.module.hardirq;

import dev.ebpfmon.module.Fields;
import dev.ebpfmon.module.TextCursor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes /proc/interrupts: a header naming the online CPUs' columns, then one row per interrupt
 * source. A device IRQ's row is its number, a count per CPU, its chip, hardware IRQ and flow
 * handler, and the names of its actions ({@code 38: 0 17691 PCI-MSIX-0000:00:03.0 1-edge
 * virtio2-input.0}); a system vector's row is a label, a count per CPU (one count for ERR and MIS)
 * and a description ({@code LOC: 10370865 12117014 Local timer interrupts}).
 *
 * <p>Read every tick, where only the counts change: an instance keeps each line's label and what
 * follows its counts, and decodes a line's names again only when those bytes differ from the
 * last read's; otherwise only the counts are summed, in place.
 */
final class ProcInterrupts {
    private final TextCursor cursor = new TextCursor();
    private byte[] header = new byte[0];
    private int cpus;
    /** By line (after the header): the row last decoded there, and its label and tail bytes. */
    private Row[] known = new Row[0];
    private byte[][] shapes = new byte[0][];
    private int[] labelLengths = new int[0];

    /**
     * One row.
     *
     * @param label   what the row starts with: the IRQ number, or LOC, RES, CAL, ...
     * @param irq     the IRQ number, or -1 for a system vector
     * @param total   the counts summed over the CPUs listed
     * @param actions a device IRQ's action names, as the kernel lists them (empty without any)
     */
    record Row(String label, int irq, long total, List<String> actions) {
        Row {
            actions = List.copyOf(actions);
        }

        /** The IRQ's name as /proc/interrupts writes it: its actions, comma-separated; its number without any. */
        String name() {
            return actions.isEmpty() ? label : actions.size() == 1 ? actions.getFirst() : String.join(", ", actions);
        }

        Row withTotal(long newTotal) {
            return new Row(label, irq, newTotal, actions);
        }
    }

    /**
     * The rows of a whole file.
     *
     * @throws IllegalArgumentException for a row without a label (with its line)
     */
    static List<Row> rows(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new ProcInterrupts().read(bytes, bytes.length);
    }

    /**
     * The rows of the file's bytes {@code [0, length)}; lines shaped as at the last read reuse what
     * was decoded then.
     *
     * @throws IllegalArgumentException for a row without a label (with its line)
     */
    List<Row> read(byte[] bytes, int length) {
        cursor.reset(bytes, length);
        if (!cursor.nextLine() || !cursor.nextField() || !cursor.fieldIs("CPU0") && !cursor.field().startsWith("CPU")) {
            throw new IllegalArgumentException("/proc/interrupts line 1: no CPU columns: "
                    + (length == 0 ? "" : cursor.line()));
        }
        if (!Arrays.equals(header, 0, header.length, bytes, cursor.lineStart(), cursor.lineEnd())) {
            header = Arrays.copyOfRange(bytes, cursor.lineStart(), cursor.lineEnd());
            cpus = Fields.of(cursor.line()).length;
            known = new Row[0]; // other CPUs: every line decoded again
        }
        List<Row> rows = new ArrayList<>(known.length + 4);
        while (cursor.nextLine()) {
            if (!cursor.lineIsBlank()) {
                rows.add(next(rows.size()));
            }
        }
        return rows;
    }

    /** The current line as row {@code index}: its counts summed, the rest as last read when it is the same. */
    private Row next(int index) {
        int number = cursor.lineNumber();
        if (!cursor.fieldUpTo(':')) {
            throw new IllegalArgumentException("/proc/interrupts line " + number + ": no label: " + cursor.line());
        }
        int labelStart = cursor.fieldStart();
        int labelEnd = cursor.fieldEnd();
        long total = 0;
        int counted = 0;
        boolean more = cursor.nextField();
        while (more && counted < cpus && cursor.fieldIsCount()) {
            total += cursor.count();
            counted++;
            more = cursor.nextField();
        }
        int tailStart = more ? cursor.fieldStart() : cursor.lineEnd();
        byte[] bytes = cursor.bytes();
        if (index < known.length && known[index] != null
                && Arrays.equals(shapes[index], 0, labelLengths[index], bytes, labelStart, labelEnd)
                && Arrays.equals(shapes[index], labelLengths[index], shapes[index].length, bytes, tailStart,
                        cursor.lineEnd())) {
            return known[index].withTotal(total);
        }
        Row row = row(cursor.line(), number, cpus);
        if (index >= known.length) {
            int size = Math.max(index + 1, known.length * 2);
            known = Arrays.copyOf(known, size);
            shapes = Arrays.copyOf(shapes, size);
            labelLengths = Arrays.copyOf(labelLengths, size);
        }
        byte[] shape = new byte[labelEnd - labelStart + cursor.lineEnd() - tailStart];
        System.arraycopy(bytes, labelStart, shape, 0, labelEnd - labelStart);
        System.arraycopy(bytes, tailStart, shape, labelEnd - labelStart, cursor.lineEnd() - tailStart);
        known[index] = row;
        shapes[index] = shape;
        labelLengths[index] = labelEnd - labelStart;
        return row;
    }

    private static Row row(String line, int number, int cpus) {
        int colon = line.indexOf(':');
        String label = colon < 0 ? "" : line.substring(0, colon).strip();
        if (label.isEmpty() || label.contains(" ")) {
            throw new IllegalArgumentException("/proc/interrupts line " + number + ": no label: " + line);
        }
        String[] fields = Fields.of(line.substring(colon + 1));
        int at = 0;
        long total = 0;
        for (; at < fields.length && at < cpus && isCount(fields[at]); at++) {
            total += Long.parseLong(fields[at]);
        }
        int irq = isCount(label) ? Integer.parseInt(label) : -1;
        return new Row(label, irq, total, irq < 0 ? List.of() : actions(fields, at));
    }

    /**
     * A device IRQ's action names: what follows its chip, hardware IRQ number and flow handler
     * ({@code 1-edge}; {@code -edge} without an IRQ domain; {@code Level}/{@code Edge} and a
     * separate {@code -fasteoi} where the kernel shows the trigger level).
     */
    private static List<String> actions(String[] fields, int afterCounts) {
        int at = afterCounts + 1; // the chip
        if (at < fields.length && isHardwareIrq(fields[at])) {
            at++;
        }
        if (at < fields.length && (fields[at].equals("Level") || fields[at].equals("Edge"))) {
            at++;
            if (at < fields.length && fields[at].startsWith("-")) {
                at++;
            }
        }
        if (at >= fields.length) {
            return List.of();
        }
        String names = String.join(" ", java.util.Arrays.copyOfRange(fields, at, fields.length));
        List<String> actions = new ArrayList<>(2);
        int from = 0;
        for (int comma = names.indexOf(", "); comma >= 0; comma = names.indexOf(", ", from)) {
            actions.add(names.substring(from, comma));
            from = comma + 2;
        }
        actions.add(names.substring(from));
        return actions;
    }

    /**
     * The hardware IRQ number and flow handler: digits, then optionally '-' and a trigger
     * ({@code 1-edge}, {@code 9}), or '-' and a trigger without a number ({@code -edge}). Checked
     * without a regular expression: this runs for every device IRQ on every tick.
     */
    private static boolean isHardwareIrq(String field) {
        int digits = 0;
        while (digits < field.length() && field.charAt(digits) >= '0' && field.charAt(digits) <= '9') {
            digits++;
        }
        if (digits == field.length()) {
            return digits > 0;
        }
        return field.charAt(digits) == '-' && (digits > 0 || field.length() > 1);
    }

    private static boolean isCount(String field) {
        if (field.isEmpty() || field.length() > 18) {
            return false;
        }
        for (int i = 0; i < field.length(); i++) {
            if (field.charAt(i) < '0' || field.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
