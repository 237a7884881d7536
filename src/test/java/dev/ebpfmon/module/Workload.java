package dev.ebpfmon.module;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs target/native/ebpfmon-workload stopped on its first instruction of interest (SIGSTOP), so
 * that a test can read the counters of its PID, let it run, and attribute every later syscall of
 * that PID to the workload's operations. A JVM thread would not do: the JVM's own threads read
 * and open files (class loading, JIT, GC) under the same tgid at any time.
 */
public final class Workload implements AutoCloseable {
    public static final Path BINARY = Path.of("target/native/ebpfmon-workload");

    private final Process process;
    private final Path output;

    private Workload(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    public static Workload startStopped(Path dir, String... ops) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(BINARY.toAbsolutePath().toString(), "--stop", dir.toString()));
        command.addAll(List.of(ops));
        // in the directory, so that ops can walk relative paths without walking the directory's own
        // its messages (why an op failed) go to a file outside the directory, which ops may list
        Path output = Files.createTempFile("ebpfmon-workload-", ".out");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        Workload workload = new Workload(process, output);
        workload.awaitStopped();
        return workload;
    }

    public int pid() {
        return (int) process.pid();
    }

    private void awaitStopped() throws IOException, InterruptedException {
        Path stat = Path.of("/proc", String.valueOf(pid()), "stat");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String text = Files.readString(stat);
            char state = text.charAt(text.lastIndexOf(')') + 2);
            if (state == 'T') {
                return;
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException("workload " + pid() + " did not stop");
    }

    /** Lets the workload run to the end, within 30 s; returns its exit status. */
    public int resumeAndWait() throws IOException, InterruptedException {
        return resumeAndWait(30);
    }

    /** Lets the workload run to the end, within {@code seconds}; returns its exit status. */
    public int resumeAndWait(int seconds) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-CONT", String.valueOf(pid())).start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -CONT " + pid() + " failed");
        }
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new IllegalStateException("workload " + pid() + " did not finish in " + seconds + " s");
        }
        return process.exitValue();
    }

    /** What the workload printed (nothing unless an op failed). */
    public String output() throws IOException {
        return Files.readString(output).strip();
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        Files.deleteIfExists(output);
    }
}
