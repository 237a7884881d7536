package dev.ebpfmon.leakgate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The BPF handles a test class left behind, from the states before and after it: (a) BPF fds this JVM
 * opened during the class and still holds, and (b) programs of ours the kernel loaded during the class
 * that a process this JVM started still holds. Programs held only by other processes (another test
 * run on the machine, systemd) are not the class's doing and are not reported.
 */
final class LeakReport {
    /** What the report looks up only when it has something to look up: most classes load nothing. */
    interface Lookups {
        /** The kernel names of the programs in our BPF objects. */
        Set<String> ourNames();

        /** The BPF fds of every process this JVM started, by pid. */
        Map<Long, List<BpfFd>> descendantFds();

        /** A process's command, short, for the message. */
        String command(long pid);

        /** The program or map name behind one of this JVM's fds. */
        String nameOf(BpfFd fd);
    }

    private LeakReport() {}

    /** One line per leaked handle; empty when the class left nothing. */
    static List<String> leaks(BpfState before, BpfState after, Lookups lookups) {
        List<String> leaks = new ArrayList<>();
        Set<String> had = before.jvmFds().stream().map(BpfFd::key).collect(Collectors.toSet());
        for (BpfFd fd : after.jvmFds()) {
            if (!had.contains(fd.key())) {
                leaks.add(describe(fd, after, lookups));
            }
        }
        Map<Integer, String> loaded = after.programs().entrySet().stream()
                .filter(p -> !before.programs().containsKey(p.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        if (loaded.isEmpty()) {
            return leaks;
        }
        // the cheaper lookup first: most classes start no process that holds a program
        Map<Long, Set<Integer>> held = new LinkedHashMap<>();
        for (var process : lookups.descendantFds().entrySet()) {
            for (BpfFd fd : process.getValue()) {
                if (loaded.containsKey(fd.progId())) {
                    held.computeIfAbsent(process.getKey(), pid -> new LinkedHashSet<>()).add(fd.progId());
                }
            }
        }
        if (held.isEmpty()) {
            return leaks;
        }
        Set<String> ours = lookups.ourNames();
        held.forEach((pid, ids) -> ids.stream().filter(id -> ours.contains(loaded.get(id))).forEach(id ->
                leaks.add("bpf-prog " + loaded.get(id) + " id=" + id + " held by pid " + pid + " ("
                        + lookups.command(pid) + "), a process this JVM started")));
        return leaks;
    }

    private static String describe(BpfFd fd, BpfState after, Lookups lookups) {
        return switch (fd.kind()) {
            case "bpf-prog" -> "bpf-prog " + lookups.nameOf(fd) + " id=" + fd.id() + " (fd " + fd.fd() + ")";
            case "bpf-map" -> "bpf-map " + lookups.nameOf(fd) + " id=" + fd.id() + " (fd " + fd.fd() + ")";
            case "bpf-link" -> "bpf-link id=" + fd.id() + " running " + after.programs().getOrDefault(fd.progId(), "?")
                    + " id=" + fd.progId() + " (fd " + fd.fd() + ")";
            case "bpf-stats" -> "bpf-stats (fd " + fd.fd() + "), run-time statistics left on for every program";
            default -> "perf-event (fd " + fd.fd() + "), a tracepoint or kprobe attachment";
        };
    }
}
