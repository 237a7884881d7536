package dev.ebpfmon.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The BPF objects a process holds, read from {@code /proc/<pid>/fdinfo} of its BPF fds: its maps
 * (with the kernel memory each is charged, {@code memlock}) and its links (where its programs are
 * attached). Works for any process, whatever it is written in.
 *
 * @param mapMemlock map id -> memlock bytes; a map held through several fds counts once
 * @param links      every link, by link id
 */
record BpfFds(Map<Long, Long> mapMemlock, List<Link> links) {
    /** BPF_PROG_TYPE_RAW_TRACEPOINT and BPF_PROG_TYPE_TRACING (uapi bpf.h). */
    static final int PROG_TYPE_RAW_TRACEPOINT = 17;
    static final int PROG_TYPE_TRACING = 26;

    /**
     * One link: {@code type} as fdinfo names it (raw_tracepoint, tracing, perf_event, ...), the
     * tracepoint for raw_tracepoint links (tp_btf and raw_tp programs both make those), and the
     * type of the program attached.
     */
    record Link(long id, String type, String tracepoint, int programType) {
        /** e.g. "sys_enter (tp_btf)". */
        String describe() {
            String kind = switch (programType) {
                case PROG_TYPE_TRACING -> "tp_btf";
                case PROG_TYPE_RAW_TRACEPOINT -> "raw_tp";
                default -> "program type " + programType;
            };
            return (tracepoint.isEmpty() ? type : tracepoint) + " (" + kind + ")";
        }
    }

    static BpfFds of(long pid) {
        Path fds = Path.of("/proc", Long.toString(pid), "fd");
        Map<Long, Long> maps = new LinkedHashMap<>();
        Map<Long, Integer> programTypes = new HashMap<>();
        List<Map<String, String>> links = new ArrayList<>();
        try (Stream<Path> entries = Files.list(fds)) {
            for (Path fd : entries.toList()) {
                String target;
                Map<String, String> info;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                    info = fdinfo(pid, fd.getFileName().toString());
                } catch (NoSuchFileException e) {
                    continue; // closed meanwhile
                }
                switch (target) {
                    case "anon_inode:bpf-map" -> maps.putIfAbsent(number(info, "map_id"), number(info, "memlock"));
                    case "anon_inode:bpf-prog" -> programTypes.put(number(info, "prog_id"), (int) number(info, "prog_type"));
                    case "anon_inode:bpf_link" -> links.add(info);
                    default -> { }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the fds of " + pid + " (has it exited?): " + e, e);
        }
        List<Link> result = new ArrayList<>();
        for (Map<String, String> info : links) {
            long program = number(info, "prog_id");
            result.add(new Link(number(info, "link_id"), info.getOrDefault("link_type", "?"),
                    info.getOrDefault("tp_name", ""), programTypes.getOrDefault(program, -1)));
        }
        result.sort(Comparator.comparingLong(Link::id));
        return new BpfFds(maps, result);
    }

    long memlockBytes() {
        return mapMemlock.values().stream().mapToLong(Long::longValue).sum();
    }

    private static Map<String, String> fdinfo(long pid, String fd) throws IOException {
        Map<String, String> fields = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "fdinfo", fd))) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return fields;
    }

    private static long number(Map<String, String> info, String key) {
        String value = info.get(key);
        if (value == null) {
            throw new IllegalStateException("fdinfo lacks '" + key + "': " + info);
        }
        return Long.parseLong(value);
    }
}
