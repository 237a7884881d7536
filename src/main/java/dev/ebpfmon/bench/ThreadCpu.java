package dev.ebpfmon.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The CPU time of each thread of a process, from {@code /proc/<pid>/task/<tid>/schedstat} (the
 * scheduler's own nanoseconds on a CPU: exact, where utime and stime are clock ticks charged to
 * whoever runs when the tick interrupt comes, which misjudges threads that wake for a moment):
 * which share of the agent's CPU is its tick thread's, and which the JVM's own threads' (GC, JIT,
 * housekeeping). Threads are told apart by id and reported by name.
 *
 * @param threads per thread id: its name and nanoseconds on a CPU so far
 */
record ThreadCpu(Map<Integer, Task> threads) {
    record Task(String name, long nanos) {}

    static ThreadCpu of(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        Map<Integer, Task> threads = new HashMap<>();
        try (Stream<Path> dirs = Files.list(tasks)) {
            for (Path dir : dirs.toList()) {
                try {
                    String name = Files.readString(dir.resolve("comm")).strip();
                    String schedstat = Files.readString(dir.resolve("schedstat")).strip();
                    threads.put(Integer.parseInt(dir.getFileName().toString()),
                            new Task(name, Long.parseLong(schedstat.split(" ")[0])));
                } catch (NoSuchFileException e) {
                    // the thread ended while the directory was listed
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the threads of " + tasks, e);
        }
        return new ThreadCpu(Map.copyOf(threads));
    }

    /**
     * Nanoseconds each thread name spent on a CPU since {@code before} (threads started since count
     * from zero; threads that ended meanwhile are not counted), largest first, zeros left out.
     */
    Map<String, Long> since(ThreadCpu before) {
        Map<String, Long> byName = new HashMap<>();
        threads.forEach((tid, now) -> {
            Task then = before.threads.get(tid);
            long spent = now.nanos - (then != null && then.name.equals(now.name) ? then.nanos : 0);
            if (spent > 0) {
                byName.merge(now.name, spent, Long::sum);
            }
        });
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(byName.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, Long> result = new LinkedHashMap<>();
        sorted.forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }

    /** "java 6.90, VM Thread 0.31, ...": milliseconds per tick of each thread name. */
    static String render(Map<String, Long> nanosByName, int ticks) {
        List<String> parts = new ArrayList<>();
        nanosByName.forEach((name, nanos) -> parts.add(String.format(Locale.ROOT, "%s %.2f", name, nanos / 1e6 / ticks)));
        return String.join(", ", parts);
    }
}
