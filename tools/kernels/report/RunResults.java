import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one virtual machine left in target/kernels/RUN: the kernel release, whether the run
 * got through, and per `ebpf co-re tracing` value the check report and the test results, turned
 * into matrix cells.
 */
final class RunResults {
    /** A test outside the scenario test: reported per class, a failure fails the matrix. */
    record TestOutcome(String tracing, TestEvents.TestResult test) {}

    /** What `check --json` said about the kernel, per tracing value. */
    record KernelView(String tracing, List<String> working, List<String> refused, List<String> notableFacts) {}

    final String run;
    String release = "?";
    /** Why the run as a whole failed (fetch, boot, timeout, a JVM that crashed). */
    final List<String> failures = new ArrayList<>();
    final List<Cell> cells = new ArrayList<>();
    final List<TestOutcome> tests = new ArrayList<>();
    final List<KernelView> views = new ArrayList<>();
    final Map<String, String> seconds = new LinkedHashMap<>();

    private RunResults(String run) {
        this.run = run;
    }

    static RunResults read(Path dir, String run) throws IOException {
        RunResults r = new RunResults(run);
        if (!Files.isDirectory(dir)) {
            r.failures.add("no results in " + dir + " (the run did not start)");
            return r;
        }
        r.release = text(dir.resolve("release")).orElse("?");
        text(dir.resolve("failed")).ifPresent(r.failures::add);
        text(dir.resolve("booted")).ifPresent(s -> r.seconds.put("boot", s));
        for (String line : text(dir.resolve("drivers")).orElse("").lines().toList()) {
            if (!line.endsWith(" ok")) {
                r.failures.add("driver of the kernel package does not load: " + line);
            }
        }
        text(dir.resolve("seconds")).ifPresent(s -> r.seconds.put("total", s));
        Map<String, String> job = job(dir.resolve("job.env"));
        // The plan: "TRACING:TESTS ..." (runs.tsv); tests ran where the guest left an exit status.
        for (String item : job.getOrDefault("GUEST_PLAN", "").split(" ")) {
            String tracing = item.replaceFirst(":.*", "");
            if (!tracing.isEmpty() && Files.isDirectory(dir.resolve(tracing))) {
                r.readTracing(dir.resolve(tracing), tracing, Files.exists(dir.resolve(tracing).resolve("tests.rc")));
            }
        }
        return r;
    }

    private void readTracing(Path dir, String tracing, boolean testsRan) throws IOException {
        text(dir.resolve("check.seconds")).ifPresent(s -> seconds.put("check " + tracing, s));
        text(dir.resolve("tests.seconds")).ifPresent(s -> seconds.put("tests " + tracing, s));
        // Module -> its cells: one from check, replaced by one per load mode where a scenario reported.
        Map<String, List<Cell>> byModule = new LinkedHashMap<>();
        readCheck(dir, tracing, byModule);
        if (testsRan) {
            readTests(dir, tracing, byModule);
        }
        byModule.values().forEach(cells::addAll);
    }

    private void readCheck(Path dir, String tracing, Map<String, List<Cell>> byModule) throws IOException {
        Path file = dir.resolve("check.json");
        String rc = text(dir.resolve("check.rc")).orElse("?");
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            failures.add(tracing + ": `ebpfmon check --json` wrote no report (exit " + rc + "): "
                    + text(dir.resolve("check.err")).map(s -> s.lines().reduce((a, b) -> b).orElse("")).orElse(""));
            return;
        }
        Map<String, Object> report = Json.object(Json.read(file));
        if (report.containsKey("blocker")) {
            failures.add(tracing + ": modules could not be checked: " + Json.string(report, "blocker"));
        }
        List<String> working = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Object o : Json.array(report.get("attach_kinds"))) {
            Map<String, Object> k = Json.object(o);
            if (Boolean.TRUE.equals(k.get("works"))) {
                working.add(Json.string(k, "label"));
            } else {
                refused.add(Json.string(k, "label") + ": " + Json.string(k, "reason"));
            }
        }
        List<String> notable = new ArrayList<>();
        for (Object o : Json.array(Json.object(report.get("kernel")).get("facilities"))) {
            Map<String, Object> f = Json.object(o);
            if (!Json.string(f, "status").equals("ok") && !Json.string(f, "facility").equals("bpf_stats")) {
                notable.add(Json.string(f, "facility") + " " + Json.string(f, "status") + ": " + Json.string(f, "detail"));
            }
        }
        views.add(new KernelView(tracing, working, refused, notable));
        for (Object o : Json.array(report.get("modules"))) {
            Map<String, Object> m = Json.object(o);
            String module = Json.string(m, "module");
            Cell cell = new Cell(run, tracing, module, "-", Json.string(m, "how"), Cell.Result.UNTESTED, "");
            cell = switch (Json.string(m, "state")) {
                case "runs" -> cell;
                case "cannot run" -> cell.withResult(Cell.Result.CANNOT_RUN, Json.string(m, "reason"));
                default -> cell.withResult(Cell.Result.FAILED, "state '" + Json.string(m, "state")
                        + "' although every module is switched on: " + Json.string(m, "reason"));
            };
            byModule.put(module, List.of(cell));
        }
    }

    /**
     * Tests that published a "module" report entry are scenario runs: they fill the module's
     * cells (one per load mode). Every other test is listed per class.
     */
    private void readTests(Path dir, String tracing, Map<String, List<Cell>> byModule) throws IOException {
        List<TestEvents.TestResult> results = TestEvents.read(dir.resolve("reports"));
        String rc = text(dir.resolve("tests.rc")).orElse("?");
        if (results.isEmpty()) {
            failures.add(tracing + ": the test JVM reported no test (exit " + rc + "; see " + dir.resolve("tests.out") + ")");
            return;
        }
        boolean anyFailed = false;
        Map<String, List<Cell>> scenarios = new LinkedHashMap<>();
        for (TestEvents.TestResult t : results) {
            anyFailed |= t.status().equals("FAILED");
            String module = t.entries().get("module");
            if (module == null) {
                tests.add(new TestOutcome(tracing, t));
                continue;
            }
            Cell fromCheck = byModule.getOrDefault(module, List.of()).stream().findFirst().orElse(null);
            String attach = t.entries().getOrDefault("attach", fromCheck == null ? "" : fromCheck.attach());
            Cell cell = new Cell(run, tracing, module, t.entries().getOrDefault("mode", "-"), attach,
                    Cell.Result.FAILED, "");
            scenarios.computeIfAbsent(module, k -> new ArrayList<>()).add(scenarioResult(cell, t, fromCheck));
        }
        if (!anyFailed && !rc.equals("0")) {
            failures.add(tracing + ": the test JVM exited " + rc + " although no test failed (see " + dir.resolve("tests.out") + ")");
        }
        byModule.putAll(scenarios);
    }

    private static Cell scenarioResult(Cell cell, TestEvents.TestResult t, Cell fromCheck) {
        String result = t.entries().getOrDefault("result", "");
        return switch (t.status()) {
            case "SUCCESSFUL" -> {
                if (result.equals("cannot run")) { // the scenario checked that the module refuses, and why
                    yield cell.withResult(Cell.Result.CANNOT_RUN, t.entries().getOrDefault("reason", ""));
                }
                if (fromCheck != null && fromCheck.result() == Cell.Result.CANNOT_RUN) {
                    yield cell.withResult(Cell.Result.FAILED, "the scenario ran but check said: " + fromCheck.detail());
                }
                yield switch (result) {
                    case "exact" -> cell.withResult(Cell.Result.EXACT, "");
                    case "approximate" -> cell.withResult(Cell.Result.APPROXIMATE, "");
                    default -> cell.withResult(Cell.Result.FAILED, "scenario passed without result entry 'exact' or "
                            + "'approximate' (got '" + result + "')");
                };
            }
            case "ABORTED", "SKIPPED" -> cell.withResult(Cell.Result.CANNOT_RUN,
                    t.message().replaceFirst("^org\\.opentest4j\\.TestAbortedException: ", "")
                            .replaceFirst("^Assumption failed: ", ""));
            default -> cell.withResult(Cell.Result.FAILED, t.message());
        };
    }

    private static Map<String, String> job(Path file) throws IOException {
        Map<String, String> job = new LinkedHashMap<>();
        if (Files.isRegularFile(file)) {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    job.put(line.substring(0, eq), line.substring(eq + 1).replaceAll("^'|'$", ""));
                }
            }
        }
        return job;
    }

    private static Optional<String> text(Path file) throws IOException {
        return Files.isRegularFile(file) ? Optional.of(Files.readString(file).strip()) : Optional.empty();
    }
}
