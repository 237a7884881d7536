package dev.ebpfmon.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The kernel-side tables: ns per call with spread, ns added over nothing attached, and the
 * comparisons the targets are stated in (added ns against the floor and against bpftrace).
 */
final class KernelReport {
    /** A row compared with a reference row: e.g. default modules against the entry floor. */
    record Comparison(String row, String reference, double target) {}

    private KernelReport() {}

    static String render(KernelBench.Results r, String bare, List<Comparison> comparisons) {
        StringBuilder out = new StringBuilder();
        out.append("| attached | ").append(String.join(" | ", KernelBench.OPS.stream().map(op -> op + " ns/call").toList()))
                .append(" |\n|---|").append("---:|".repeat(KernelBench.OPS.size())).append('\n');
        for (String setup : r.setups()) {
            List<String> cells = new ArrayList<>();
            for (String op : KernelBench.OPS) {
                Summary s = r.summary(setup, op);
                String added = setup.equals(bare) ? "" : String.format(Locale.ROOT, " (+%.0f)", added(r, setup, bare, op));
                cells.add(String.format(Locale.ROOT, "%.0f%s ±%.0f%%", s.median(), added, 50 * s.relativeSpread()));
            }
            out.append("| ").append(setup).append(" | ").append(String.join(" | ", cells)).append(" |\n");
        }
        out.append('\n');
        if (!comparisons.isEmpty()) {
            out.append("| added ns, ratio | ").append(String.join(" | ", KernelBench.OPS)).append(" | target |\n|---|")
                    .append("---:|".repeat(KernelBench.OPS.size() + 1)).append('\n');
            for (Comparison c : comparisons) {
                List<String> cells = new ArrayList<>();
                for (String op : KernelBench.OPS) {
                    cells.add(ratio(r, c, bare, op).map(x -> String.format(Locale.ROOT, "%.2fx", x)).orElse("n/a"));
                }
                out.append("| ").append(c.row()).append(" / ").append(c.reference()).append(" | ")
                        .append(String.join(" | ", cells)).append(String.format(Locale.ROOT, " | <= %.1fx |%n", c.target()));
            }
        }
        return out.toString();
    }

    static double added(KernelBench.Results r, String setup, String bare, String op) {
        return r.summary(setup, op).median() - r.summary(bare, op).median();
    }

    /** Added over added; none when the reference adds nothing measurable (below 1 ns). */
    static Optional<Double> ratio(KernelBench.Results r, Comparison c, String bare, String op) {
        if (!r.setups().contains(c.row()) || !r.setups().contains(c.reference())) {
            return Optional.empty();
        }
        double reference = added(r, c.reference(), bare, op);
        return reference < 1 ? Optional.empty() : Optional.of(added(r, c.row(), bare, op) / reference);
    }
}
