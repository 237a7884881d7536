import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Prints the kernel matrix from target/kernels and checks it against expected.tsv.
 *
 * <p>Usage: {@code java -cp target/ebpfmon.jar MatrixReport.java RESULTS_DIR EXPECTED_TSV RUN...}.
 * Exit status 1 when a run failed, a test failed, a cell failed, a cell cannot run without an
 * expected.tsv rule saying why, or a rule's cell runs after all.
 */
public final class MatrixReport {
    private MatrixReport() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: MatrixReport RESULTS_DIR EXPECTED_TSV RUN...");
            System.exit(2);
        }
        Path results = Path.of(args[0]);
        Expected expected = Expected.read(Path.of(args[1]));
        List<RunResults> runs = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            runs.add(RunResults.read(results.resolve(args[i]), args[i]));
        }
        List<String> failures = new ArrayList<>();
        runsTable(runs, failures);
        cellsTable(runs, expected, failures);
        testsTable(runs, failures);
        System.out.println();
        if (failures.isEmpty()) {
            System.out.println("Kernel matrix: OK");
            return;
        }
        System.out.println("Kernel matrix: " + failures.size() + " failure(s)");
        failures.forEach(f -> System.out.println("  - " + f));
        System.exit(1);
    }

    private static void runsTable(List<RunResults> runs, List<String> failures) {
        System.out.println("## Kernels");
        System.out.println();
        Markdown t = new Markdown("kernel", "release", "seconds", "attach kinds that work", "refused, and kernel facts not OK");
        for (RunResults r : runs) {
            r.failures.forEach(f -> failures.add(r.run + ": " + f));
            String seconds = r.seconds.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", "));
            // The kernel's facilities do not depend on the tracing value: the first view says it.
            Optional<RunResults.KernelView> view = r.views.stream().findFirst();
            String works = view.map(v -> String.join(", ", v.working())).orElse("-");
            List<String> notes = new ArrayList<>();
            view.ifPresent(v -> {
                notes.addAll(v.refused());
                notes.addAll(v.notableFacts());
            });
            if (!r.failures.isEmpty()) {
                notes.add(0, "FAILED: " + String.join("; ", r.failures));
            }
            t.row(r.run, r.release, seconds, works, notes.isEmpty() ? "-" : String.join("; ", notes));
        }
        t.print();
    }

    /**
     * One row per cell; a module whose cells are all alike (e.g. not implemented anywhere) gets one
     * row with kernel and tracing "all".
     */
    private static void cellsTable(List<RunResults> runs, Expected expected, List<String> failures) {
        System.out.println();
        System.out.println("## Modules (kernel x module x `ebpf co-re tracing`)");
        System.out.println();
        Map<String, List<Cell>> byModule = new LinkedHashMap<>();
        for (RunResults r : runs) {
            for (Cell c : r.cells) {
                byModule.computeIfAbsent(c.module(), k -> new ArrayList<>()).add(c);
            }
        }
        Markdown t = new Markdown("kernel", "tracing", "module", "mode", "attach", "result");
        for (List<Cell> cells : byModule.values()) {
            List<String> shown = new ArrayList<>();
            for (Cell c : cells) {
                shown.add(judge(c, expected, failures));
            }
            if (alike(cells, shown, 0, cells.size())) {
                Cell c = cells.get(0);
                t.row("all", "all", c.module(), c.mode(), orDash(c.attach()), shown.get(0));
                continue;
            }
            // Per kernel: one row when every tracing value gave the same, else one row per cell.
            int from = 0;
            while (from < cells.size()) {
                int to = from;
                while (to < cells.size() && cells.get(to).run().equals(cells.get(from).run())) {
                    to++;
                }
                if (alike(cells, shown, from, to)) {
                    Cell c = cells.get(from);
                    t.row(c.run(), "all", c.module(), c.mode(), orDash(c.attach()), shown.get(from));
                } else {
                    for (int i = from; i < to; i++) {
                        Cell c = cells.get(i);
                        t.row(c.run(), c.tracing(), c.module(), c.mode(), orDash(c.attach()), shown.get(i));
                    }
                }
                from = to;
            }
        }
        t.print();
    }

    /** Cells [from, to) show the same result, mode and attach, one per tracing value (no mode split). */
    private static boolean alike(List<Cell> cells, List<String> shown, int from, int to) {
        List<Cell> part = cells.subList(from, to);
        return to - from > 1 && shown.subList(from, to).stream().distinct().count() == 1
                && part.stream().map(c -> c.mode() + "\n" + c.attach()).distinct().count() == 1
                && part.stream().map(c -> c.run() + "\n" + c.tracing()).distinct().count() == part.size();
    }

    /** The cell's result text; adds to failures what the expectations do not allow. */
    private static String judge(Cell c, Expected expected, List<String> failures) {
        String where = c.run() + " " + c.tracing() + " " + c.module() + (c.mode().equals("-") ? "" : " " + c.mode());
        switch (c.result()) {
            case FAILED -> failures.add(where + ": " + c.detail());
            case CANNOT_RUN -> {
                Optional<Expected.Rule> rule = expected.explaining(c);
                if (rule.isEmpty()) {
                    failures.add(where + ": cannot run, and expected.tsv has no rule for it: " + c.detail());
                    return c.shown(false);
                }
                return c.shown(true);
            }
            default -> {
                for (Expected.Rule rule : expected.rules()) {
                    if (rule.covers(c)) {
                        failures.add(where + ": runs (" + c.result().word + "), but expected.tsv line " + rule.line()
                                + " expects it not to: " + rule.text().replace('\t', ' '));
                    }
                }
            }
        }
        return c.shown(false);
    }

    /** Totals per test JVM; every failing test is listed with the failures. */
    private static void testsTable(List<RunResults> runs, List<String> failures) {
        System.out.println();
        System.out.println("## Kernel tests (one JVM per kernel and tracing value)");
        System.out.println();
        Markdown t = new Markdown("kernel", "tracing", "classes", "passed", "failed", "not run", "seconds");
        for (RunResults r : runs) {
            Map<String, List<RunResults.TestOutcome>> byTracing = new LinkedHashMap<>();
            r.tests.forEach(o -> byTracing.computeIfAbsent(o.tracing(), k -> new ArrayList<>()).add(o));
            byTracing.forEach((tracing, outcomes) -> {
                int[] c = new int[3];
                for (RunResults.TestOutcome o : outcomes) {
                    switch (o.test().status()) {
                        case "SUCCESSFUL" -> c[0]++;
                        case "FAILED" -> {
                            c[1]++;
                            failures.add(r.run + " " + tracing + " " + o.test().className().replaceFirst("^dev\\.ebpfmon\\.", "")
                                    + "." + o.test().name() + ": " + o.test().message());
                        }
                        default -> c[2]++;
                    }
                }
                long classes = outcomes.stream().map(o -> o.test().className()).distinct().count();
                t.row(r.run, tracing, String.valueOf(classes), String.valueOf(c[0]), String.valueOf(c[1]),
                        String.valueOf(c[2]), r.seconds.getOrDefault("tests " + tracing, "?"));
            });
        }
        t.print();
    }

    private static String orDash(String s) {
        return s.isEmpty() ? "-" : s;
    }
}
