package dev.ebpfmon.leakgate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The BPF handles a test class left behind, from the states before and after it: (a) BPF fds this JVM
 * opened during the class and still holds, and (b) programs of ours the kernel loaded during the class
 * that a process this JVM started still holds. Programs held only by other processes (another test
 * run on the machine, systemd) are not the class's doing and are not reported.
 */
final class LeakReport {
    private LeakReport() {}

    /**
     * @param ourNames    the kernel names of the programs in our BPF objects
     * @param descendants the BPF fds of every process this JVM started, by pid, after the class
     * @param commands    those processes' command lines, by pid, for the message
     * @param nameOfFd    the program or map name behind one of this JVM's fds
     * @return one line per leaked handle; empty when the class left nothing
     */
    static List<String> leaks(BpfState before, BpfState after, Set<String> ourNames, Map<Long, List<BpfFd>> descendants,
            Map<Long, String> commands, Function<BpfFd, String> nameOfFd) {
        List<String> leaks = new ArrayList<>();
        Set<String> had = before.jvmFds().stream().map(BpfFd::key).collect(Collectors.toSet());
        for (BpfFd fd : after.jvmFds()) {
            if (!had.contains(fd.key())) {
                leaks.add(describe(fd, after, nameOfFd));
            }
        }
        Set<Integer> newOurs = after.programs().entrySet().stream()
                .filter(p -> !before.programs().containsKey(p.getKey()) && ourNames.contains(p.getValue()))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        for (var process : descendants.entrySet()) {
            Set<Integer> held = new LinkedHashSet<>();
            for (BpfFd fd : process.getValue()) {
                if (newOurs.contains(fd.progId())) {
                    held.add(fd.progId());
                }
            }
            for (int id : held) {
                leaks.add("bpf-prog " + after.programs().get(id) + " id=" + id + " held by pid " + process.getKey()
                        + " (" + commands.getOrDefault(process.getKey(), "?") + "), a process this JVM started");
            }
        }
        return leaks;
    }

    private static String describe(BpfFd fd, BpfState after, Function<BpfFd, String> nameOfFd) {
        return switch (fd.kind()) {
            case "bpf-prog" -> "bpf-prog " + nameOfFd.apply(fd) + " id=" + fd.id() + " (fd " + fd.fd() + ")";
            case "bpf-map" -> "bpf-map " + nameOfFd.apply(fd) + " id=" + fd.id() + " (fd " + fd.fd() + ")";
            case "bpf-link" -> "bpf-link id=" + fd.id() + " running " + after.programs().getOrDefault(fd.progId(), "?")
                    + " id=" + fd.progId() + " (fd " + fd.fd() + ")";
            case "bpf-stats" -> "bpf-stats (fd " + fd.fd() + "), run-time statistics left on for every program";
            default -> "perf-event (fd " + fd.fd() + "), a tracepoint or kprobe attachment";
        };
    }
}
