package dev.ebpfmon.apps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Writes /proc/<pid> directories the way the kernel shows them, for tests. */
public final class FakeProc {

    final Path root;

    public FakeProc(Path root) {
        this.root = root;
    }

    public FakeProc add(int pid, int ppid, String comm, String cmdline, int uid, String cgroup, long start) {
        return add(pid, ppid, comm, 'S', cmdline, uid, cgroup, start);
    }

    FakeProc add(int pid, int ppid, String comm, char state, String cmdline, int uid, String cgroup, long start) {
        Path dir = root.resolve(Integer.toString(pid));
        write(dir.resolve("stat"), stat(pid, ppid, comm, state, start));
        write(dir.resolve("cmdline"), cmdline.isEmpty() ? "" : cmdline.replace(' ', '\0') + "\0");
        write(dir.resolve("status"), "Name:\t" + comm + "\nState:\t" + state + "\nTgid:\t" + pid + "\nPPid:\t" + ppid
                + "\nUid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid + "\nGid:\t" + (uid + 5) + "\t0\t0\t0\n");
        write(dir.resolve("cgroup"), "1:name=systemd:/legacy\n0::" + cgroup + "\n");
        return this;
    }

    static String stat(int pid, int ppid, String comm, char state, long start) {
        // fields 5..21 are filler; 22 is the start time, then a few more like the kernel writes
        StringBuilder b = new StringBuilder().append(pid).append(" (").append(comm).append(") ").append(state)
                .append(' ').append(ppid);
        for (int f = 5; f <= 21; f++) {
            b.append(' ').append(f * 3);
        }
        return b.append(' ').append(start).append(" 1000 200 0 0\n").toString();
    }

    public void remove(int pid) {
        Path dir = root.resolve(Integer.toString(pid));
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
