package dev.ebpfmon.leakgate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link LeakyChild} running: started by this JVM, or detached with {@code setsid -f} so that it
 * is not this JVM's descendant (as another test run's process would not be). Closing stops it.
 *
 * @param pid the LeakyChild's own pid (with setsid, not the pid of the process Java started)
 */
record ChildHolder(Process process, long pid, Path dir) implements AutoCloseable {

    static ChildHolder start(boolean detached) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("leakgate");
        Path ready = dir.resolve("attached");
        List<String> command = new ArrayList<>();
        if (detached) {
            command.addAll(List.of("setsid", "-f"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                LeakyChild.class.getName(), ready.toString()));
        Path log = dir.resolve("log");
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(ready)) {
            if (System.nanoTime() > deadline || !detached && !process.isAlive()) {
                process.destroyForcibly();
                throw new IOException("LeakyChild did not attach: " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        return new ChildHolder(process, Long.parseLong(Files.readString(ready).strip()), dir);
    }

    /** Deletes the file the child waits on, which ends it, and waits for it to go. */
    @Override
    public void close() throws IOException {
        Files.deleteIfExists(dir.resolve("attached"));
        try {
            var handle = ProcessHandle.of(pid);
            if (handle.isPresent()) {
                try {
                    handle.get().onExit().get(10, TimeUnit.SECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    handle.get().destroyForcibly();
                }
            }
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(dir.resolve("log"));
        Files.deleteIfExists(dir);
    }
}
