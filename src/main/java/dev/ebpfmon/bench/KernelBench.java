package dev.ebpfmon.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Times the native workload's syscall loops under each {@link Setup}, interleaved, and keeps every
 * measurement (ns per call) by setup and operation.
 */
final class KernelBench {
    /** The workload's loops, in the order they run, and the label of each in the table. */
    static final List<String> OPS = List.of("read", "write", "open", "getpid");

    private final Path workload;
    private final long calls;
    private final System.Logger log = System.getLogger("ebpfmon.bench");

    /** @param calls read/write/getpid calls per loop; open+close pairs are a quarter of it (they cost 5x) */
    KernelBench(Path workload, long calls) {
        if (!Files.isExecutable(workload)) {
            throw new IllegalArgumentException(workload + " is not an executable: build it with `make build`"
                    + " (src/main/native) or pass --workload");
        }
        this.workload = workload;
        this.calls = calls;
    }

    /** Results of one run: setup label -> op -> ns per call, one per round. */
    record Results(List<String> setups, Map<String, Map<String, List<Double>>> nanos) {
        Summary summary(String setup, String op) {
            return Summary.of(nanos.get(setup).get(op).stream().mapToDouble(Double::doubleValue).toArray());
        }
    }

    Results run(List<Setup> setups, int rounds) throws Exception {
        Map<String, Map<String, List<Double>>> nanos = new LinkedHashMap<>();
        for (Setup s : setups) {
            Map<String, List<Double>> perOp = new LinkedHashMap<>();
            OPS.forEach(op -> perOp.put(op, new ArrayList<>()));
            nanos.put(s.label(), perOp);
        }
        Path dir = Files.createTempDirectory("ebpfmon-bench");
        try {
            for (Interleaving.Slot<Setup> slot : Interleaving.order(setups, rounds)) {
                log.log(System.Logger.Level.INFO, "round {0}: {1}", slot.round() + 1, slot.config().label());
                Map<String, Double> one;
                try (AutoCloseable attached = slot.config().start()) {
                    one = runWorkload(dir);
                }
                one.forEach((op, ns) -> nanos.get(slot.config().label()).get(op).add(ns));
            }
        } finally {
            Files.deleteIfExists(dir);
        }
        return new Results(setups.stream().map(Setup::label).toList(), nanos);
    }

    private Map<String, Double> runWorkload(Path dir) throws IOException, InterruptedException {
        long opens = Math.max(1, calls / 4);
        Process process = new ProcessBuilder(workload.toAbsolutePath().toString(), "--time", dir.toString(),
                "loop-read:" + calls, "loop-write:" + calls, "loop-open:" + opens, "loop-getpid:" + calls)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output;
        try {
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(workload + " failed (exit " + process.exitValue() + "): " + output);
            }
        } finally {
            process.destroyForcibly();
        }
        return parse(output);
    }

    /** Lines "loop-read 123.45" -> read=123.45, for every op in {@link #OPS}. */
    static Map<String, Double> parse(String output) {
        Map<String, Double> result = new LinkedHashMap<>();
        for (String line : output.strip().split("\n")) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length != 2 || !parts[0].startsWith("loop-")) {
                throw new IllegalArgumentException("unexpected workload output line: '" + line + "'");
            }
            try {
                result.put(parts[0].substring("loop-".length()), Double.parseDouble(parts[1]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("unexpected workload output line: '" + line + "'", e);
            }
        }
        if (!result.keySet().containsAll(OPS)) {
            throw new IllegalArgumentException("workload output lacks some of " + OPS + ": " + output);
        }
        return result;
    }
}
