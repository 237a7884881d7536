package dev.ebpfmon.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where and under what a run happened: date, CPU, cores, kernel, Java, and how busy the machine
 * was (load, the busiest other processes, BPF programs others had attached), for the report.
 */
final class Machine {
    private static final Pattern TP_NAME = Pattern.compile("\"tp_name\":\"([^\"]+)\"");

    private Machine() {}

    static String describe() {
        String model = "unknown CPU";
        try {
            model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse(model);
        } catch (IOException e) {
            // leave it unknown: the figures still stand
        }
        String kernel;
        try {
            kernel = KernelLimits.read(Path.of("/proc/sys/kernel/osrelease"));
        } catch (RuntimeException e) {
            kernel = System.getProperty("os.version");
        }
        return "Date " + LocalDate.now() + "; " + Runtime.getRuntime().availableProcessors() + " cores, " + model
                + "; kernel " + kernel + "; Java " + Runtime.version() + ".";
    }

    /** Load average and the busiest processes now, by CPU share over a second (top's view). */
    static String busy() {
        StringBuilder s = new StringBuilder("load average " + ProcFiles.loadAverage());
        String top = run(List.of("top", "-b", "-n", "2", "-d", "1", "-o", "%CPU", "-w", "200"));
        // the second frame is the one measured over the one-second delay
        int second = top.lastIndexOf("\ntop - ");
        String frame = second < 0 ? top : top.substring(second);
        int header = frame.indexOf("  PID ");
        if (header >= 0) {
            List<String> rows = frame.substring(header).lines().skip(1).filter(l -> !l.isBlank()).limit(5).toList();
            s.append("; busiest processes (top, %CPU over 1 s):");
            for (String row : rows) {
                String[] f = row.trim().split("\\s+", 12);
                if (f.length == 12) {
                    s.append(' ').append(f[11].length() > 40 ? f[11].substring(0, 40) : f[11]).append(' ').append(f[8]).append("%,");
                }
            }
            s.setLength(s.length() - 1);
        }
        return s.toString();
    }

    /** BPF links attached by anyone (call it when the benchmark holds none): the others' load. */
    static String otherLinks() {
        String json = run(List.of("bpftool", "link", "list", "-j"));
        Map<String, Integer> byPoint = new TreeMap<>();
        Matcher m = TP_NAME.matcher(json);
        while (m.find()) {
            byPoint.merge(m.group(1), 1, Integer::sum);
        }
        int all = json.split("\"id\":", -1).length - 1;
        if (all == 0) {
            return "no other BPF links attached";
        }
        return all + " BPF links attached by others (tracepoints: " + byPoint + ")";
    }

    /** Whether BPF run-time statistics are on now (anyone holding them on turns them on for all). */
    static boolean bpfStatsOn() {
        try {
            return KernelLimits.read(Path.of("/proc/sys/kernel/bpf_stats_enabled")).equals("1");
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
