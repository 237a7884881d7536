package dev.ebpfmon.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording of the agent over the measured window, started and stopped with {@code jcmd}
 * (so that start-up and warm-up stay out of it), with CPU-time sampling (JDK 25, Linux): samples
 * are taken per CPU time a thread burns, in Java or in native code, so syscalls made through FFM
 * count where they are made. Summarised as the top frames (where the CPU is spent) and the
 * ebpfmon methods that are on the stack most often (what that time is spent for).
 */
final class Profile {
    static final String RECORDING = "ebpfmon-bench";
    private static final int TOP = 20;
    private static final java.util.regex.Pattern HIDDEN_CLASS_ADDRESS = java.util.regex.Pattern.compile("[./]0x[0-9a-f]+");

    /** A method and the share of samples it has. */
    record Line(String method, long samples, double percent) {}

    /** @param events the sample event used, {@code topFrames} by self samples, {@code ebpfmonMethods} by inclusive */
    record Summary(Path file, String events, long samples, List<Line> topFrames, List<Line> ebpfmonMethods) {
        String render() {
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%,d %s samples (%s)%n%n", samples, events, file));
            out.append("| top frame (self time) ← the ebpfmon method it was called from | samples | % |\n|---|---:|---:|\n");
            topFrames.forEach(l -> out.append(String.format(Locale.ROOT, "| `%s` | %,d | %.1f |%n", l.method, l.samples, l.percent)));
            out.append("\n| ebpfmon method on the stack (inclusive) | samples | % |\n|---|---:|---:|\n");
            ebpfmonMethods.forEach(l -> out.append(String.format(Locale.ROOT, "| `%s` | %,d | %.1f |%n", l.method, l.samples, l.percent)));
            return out.toString();
        }
    }

    private Profile() {}

    static void start(long pid, Path file) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        jcmd(pid, "JFR.start", "name=" + RECORDING, "settings=profile", "jdk.CPUTimeSample#enabled=true",
                "jdk.CPUTimeSample#throttle=5ms", "filename=" + file.toAbsolutePath());
    }

    /** Stops the recording; JFR writes it to the file given at start. */
    static void stop(long pid) throws IOException, InterruptedException {
        jcmd(pid, "JFR.stop", "name=" + RECORDING);
    }

    static Summary summarise(Path file) throws IOException {
        List<RecordedEvent> cpu = new ArrayList<>();
        List<RecordedEvent> execution = new ArrayList<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            switch (e.getEventType().getName()) {
                case "jdk.CPUTimeSample" -> cpu.add(e);
                case "jdk.ExecutionSample", "jdk.NativeMethodSample" -> execution.add(e);
                default -> { }
            }
        }
        // CPU-time samples when the JVM took them; else wall-clock execution and native samples
        boolean useCpu = !cpu.isEmpty();
        List<RecordedEvent> samples = useCpu ? cpu : execution;
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        for (RecordedEvent e : samples) {
            if (e.getStackTrace() == null || e.getStackTrace().getFrames().isEmpty()) {
                continue;
            }
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            self.merge(topFrame(frames), 1L, Long::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame f : frames) {
                String method = name(f.getMethod());
                if (method.startsWith("dev.ebpfmon.") && seen.add(method)) {
                    inclusive.merge(method, 1L, Long::sum);
                }
            }
        }
        long total = samples.size();
        return new Summary(file, useCpu ? "jdk.CPUTimeSample" : "jdk.ExecutionSample+jdk.NativeMethodSample", total,
                top(self, total), top(inclusive, total));
    }

    private static List<Line> top(Map<String, Long> counts, long total) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(TOP)
                .map(e -> new Line(e.getKey(), e.getValue(), 100.0 * e.getValue() / Math.max(1, total))).toList();
    }

    /** The frame that burns the CPU and, when it is not ebpfmon's own, the ebpfmon method that called into it. */
    static String topFrame(List<RecordedFrame> frames) {
        String top = name(frames.getFirst().getMethod());
        if (top.startsWith("dev.ebpfmon.")) {
            return top;
        }
        for (RecordedFrame f : frames) {
            String method = name(f.getMethod());
            if (method.startsWith("dev.ebpfmon.") && !method.contains("$$Lambda")) {
                return top + "` ← `" + method;
            }
        }
        return top;
    }

    /** Class and method; the addresses in the names of hidden classes (lambdas, method-handle glue) are left out. */
    static String name(RecordedMethod m) {
        return HIDDEN_CLASS_ADDRESS.matcher(m.getType().getName()).replaceAll("") + "." + m.getName();
    }

    private static void jcmd(long pid, String... args) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> command = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || out.contains("Exception")) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }
}
