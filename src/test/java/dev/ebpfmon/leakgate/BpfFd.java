package dev.ebpfmon.leakgate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One BPF file descriptor a process holds, from {@code /proc/<pid>/fd} and {@code /proc/<pid>/fdinfo}.
 *
 * @param kind   {@code bpf-prog}, {@code bpf-map}, {@code bpf-link}, {@code perf-event} (how
 *               tracepoints and kprobes are attached without a BPF link) or {@code bpf-stats} (run-time
 *               statistics switched on for every program on the machine while it is open)
 * @param id     the program, map or link id; 0 for a perf event
 * @param progId the program a link runs (a program's own id for a program fd); 0 otherwise
 */
record BpfFd(long pid, int fd, String kind, int id, int progId) {
    private static final String ANON = "anon_inode:";

    /** The BPF fds of a process; none if it is gone or cannot be read. */
    static List<BpfFd> of(long pid) {
        Path dir = Path.of("/proc", Long.toString(pid));
        List<BpfFd> fds = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir.resolve("fd"))) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String kind = kind(entry);
                if (kind != null) {
                    int fd = Integer.parseInt(entry.getFileName().toString());
                    fds.add(withIds(pid, fd, kind, dir.resolve("fdinfo").resolve(entry.getFileName())));
                }
            }
        } catch (NoSuchFileException | SecurityException e) {
            return List.of();
        } catch (IOException e) {
            return List.of(); // the process went away or hides its fds: nothing to attribute to it
        }
        return fds;
    }

    private static String kind(Path fd) {
        String target;
        try {
            target = Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
            return null; // closed meanwhile
        }
        if (!target.startsWith(ANON)) {
            return null;
        }
        return switch (target.substring(ANON.length())) {
            case "bpf-prog" -> "bpf-prog";
            case "bpf-map" -> "bpf-map";
            case "bpf_link" -> "bpf-link";
            case "[perf_event]" -> "perf-event";
            case "bpf-stats" -> "bpf-stats";
            default -> null;
        };
    }

    private static BpfFd withIds(long pid, int fd, String kind, Path fdinfo) {
        int id = 0;
        int progId = 0;
        List<String> lines;
        try {
            lines = Files.readAllLines(fdinfo);
        } catch (IOException e) {
            lines = List.of();
        }
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon);
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "prog_id" -> progId = Integer.parseInt(value);
                case "map_id", "link_id" -> id = Integer.parseInt(value);
                default -> { }
            }
        }
        return new BpfFd(pid, fd, kind, kind.equals("bpf-prog") ? progId : id, progId);
    }

    /** What identifies the kernel object across fds: kind and id (an fd without an id counts on its own). */
    String key() {
        return kind.equals("perf-event") || kind.equals("bpf-stats") ? kind + "#" + fd : kind + "#" + id;
    }
}
