package dev.ebpfmon.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two busy shell loops, each in a cgroup v2 group of its own: a plain cgroup and a systemd-style
 * service ({@code system.slice/<name>.service}), so that per-cgroup and per-service charts have
 * something to show on machines where every process sits in the root cgroup. Each loop opens,
 * reads and closes a file and starts a process five times a second. Closing stops the loops and
 * removes the groups (and system.slice when it made it).
 */
final class CgroupWorkloads implements AutoCloseable {
    static final String CGROUP = "ebpfmon-test-cgroup";
    static final String SERVICE = "ebpfmon-test";

    private final List<Process> loops = new ArrayList<>();
    private final List<Path> made = new ArrayList<>();

    static CgroupWorkloads start() throws IOException, InterruptedException {
        Path root = cgroup2Root();
        CgroupWorkloads w = new CgroupWorkloads();
        try {
            w.run(w.mkdir(root.resolve(CGROUP + "-" + ProcessHandle.current().pid())));
            Path slice = root.resolve("system.slice");
            if (!Files.isDirectory(slice)) {
                w.mkdir(slice);
            }
            w.run(w.mkdir(slice.resolve(SERVICE + "-" + ProcessHandle.current().pid() + ".service")));
        } catch (IOException | RuntimeException e) {
            w.close();
            throw e;
        }
        return w;
    }

    /** Where the cgroup v2 hierarchy is mounted: /sys/fs/cgroup, or .../unified on hybrid systems. */
    static Path cgroup2Root() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
            String[] f = line.split(" ");
            if (f.length > 2 && f[2].equals("cgroup2")) {
                return Path.of(f[1]);
            }
        }
        throw new IOException("no cgroup2 hierarchy is mounted");
    }

    private Path mkdir(Path dir) throws IOException {
        Files.createDirectory(dir);
        made.addFirst(dir);
        return dir;
    }

    /** The loop waits for its own pid to be in the group before it starts working. */
    private void run(Path group) throws IOException {
        Process p = new ProcessBuilder("sh", "-c", "read go; while :; do head -c 1 /etc/hostname >/dev/null; "
                + "sleep 0.2; done").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        loops.add(p);
        Files.writeString(group.resolve("cgroup.procs"), Long.toString(p.pid()));
        p.getOutputStream().write("go\n".getBytes());
        p.getOutputStream().flush();
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : loops) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        for (Path dir : made) {
            for (int attempt = 0; attempt < 50; attempt++) {
                try {
                    Files.deleteIfExists(dir);
                    break;
                } catch (IOException busy) {
                    Thread.sleep(100); // a killed child may still be leaving the group
                }
            }
        }
    }
}
