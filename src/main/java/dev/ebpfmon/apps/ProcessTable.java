package dev.ebpfmon.apps;

import java.io.File;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The processes under a proc root, kept current by one {@link #refresh()} per tick.
 *
 * <p>A refresh lists the root (the unavoidable floor) and reads files only for pids it has not
 * seen: stat, cmdline, status and cgroup, once per process. Pids that stop being listed are
 * dropped. Known processes are not re-read every tick; instead:
 * <ul>
 * <li>a few of them ({@code revisitPerTick}, round robin over the listing) get their {@code stat}
 *     re-read, which catches {@code exec} (new comm), re-parenting and pid reuse (different start
 *     time) within {@code processes / revisitPerTick} ticks;</li>
 * <li>{@link #invalidate(int)} asks for a full re-read at the next refresh, for callers that learn
 *     about {@code exec} or {@code fork} sooner (the BPF process module sees both as they happen).</li>
 * </ul>
 * A pid reused between two refreshes without either of these keeps its old record until the
 * revisit reaches it; that needs the pid space to wrap within a tick or two, which is rare.
 *
 * <p>{@link #get} may be called from any thread; {@link #refresh} is serialised.
 */
public final class ProcessTable {

    /** Revisiting 32 pids costs about as much as one new process, and covers 300 pids in 10 s. */
    public static final int DEFAULT_REVISIT_PER_TICK = 32;

    private static final class Slot {
        volatile ProcessInfo info;
        long seen;
        long readAt;

        Slot(ProcessInfo info, long seen) {
            this.info = info;
            this.seen = seen;
            this.readAt = seen;
        }
    }

    private final File root;
    private final ProcReader reader;
    private final int revisitPerTick;
    private final Map<Integer, Slot> slots = new ConcurrentHashMap<>();
    private final Set<Integer> invalidated = ConcurrentHashMap.newKeySet();
    private long tick;
    private int revisitCursor;

    /** The host's {@code /proc}. */
    public ProcessTable() {
        this(Path.of("/proc"));
    }

    public ProcessTable(Path procRoot) {
        this(procRoot, DEFAULT_REVISIT_PER_TICK);
    }

    /** @param revisitPerTick known pids whose stat is re-read per refresh; 0 turns revisits off */
    public ProcessTable(Path procRoot, int revisitPerTick) {
        if (revisitPerTick < 0) {
            throw new IllegalArgumentException("revisitPerTick must be >= 0, got " + revisitPerTick);
        }
        this.root = procRoot.toFile();
        this.reader = new ProcReader(procRoot.toString());
        this.revisitPerTick = revisitPerTick;
    }

    /**
     * Brings the table up to date.
     *
     * @throws UncheckedIOException when the proc root itself cannot be listed (not mounted, not a
     *                              directory): a setup problem, unlike vanishing pids
     */
    public synchronized Refresh refresh() {
        String[] names = root.list();
        if (names == null) {
            throw new UncheckedIOException(new IOException("cannot list " + root));
        }
        long now = ++tick;
        List<Integer> added = new ArrayList<>();
        List<Integer> removed = new ArrayList<>();
        List<Integer> changed = new ArrayList<>();
        List<Integer> fresh = new ArrayList<>();
        for (String name : names) {
            int pid = parsePid(name);
            if (pid <= 0) {
                continue;
            }
            Slot slot = slots.get(pid);
            if (slot == null) {
                fresh.add(pid);
            } else {
                slot.seen = now;
            }
        }
        for (Iterator<Map.Entry<Integer, Slot>> it = slots.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Integer, Slot> e = it.next();
            if (e.getValue().seen != now) {
                it.remove();
                removed.add(e.getKey());
            }
        }
        for (int pid : fresh) {
            ProcessInfo info = reader.full(pid);
            if (info != null) { // gone since the listing: it never existed as far as we know
                slots.put(pid, new Slot(info, now));
                added.add(pid);
            }
        }
        reReadInvalidated(now, added, removed, changed);
        revisit(names, now, added, removed, changed);
        return new Refresh(added, removed, changed);
    }

    public Optional<ProcessInfo> get(int pid) {
        Slot slot = slots.get(pid);
        return slot == null ? Optional.empty() : Optional.of(slot.info);
    }

    /** A snapshot of every known process, in no particular order. */
    public List<ProcessInfo> processes() {
        List<ProcessInfo> all = new ArrayList<>(slots.size());
        for (Slot s : slots.values()) {
            all.add(s.info);
        }
        return all;
    }

    public int size() {
        return slots.size();
    }

    /** Re-read this pid completely at the next refresh (e.g. it just called exec). Thread-safe. */
    public void invalidate(int pid) {
        invalidated.add(pid);
    }

    private void reReadInvalidated(long now, List<Integer> added, List<Integer> removed, List<Integer> changed) {
        if (invalidated.isEmpty()) {
            return;
        }
        for (Iterator<Integer> it = invalidated.iterator(); it.hasNext(); ) {
            int pid = it.next();
            it.remove();
            Slot slot = slots.get(pid);
            if (slot == null || slot.seen != now || slot.readAt == now) {
                continue; // unknown pids are read when listed; new ones were just read
            }
            ProcessInfo now2 = reader.full(pid);
            if (now2 != null) {
                apply(pid, slot, now2, added, removed, changed);
            }
        }
    }

    private void revisit(String[] names, long now, List<Integer> added, List<Integer> removed,
                         List<Integer> changed) {
        int budget = Math.min(revisitPerTick, names.length);
        for (int n = 0; n < names.length && budget > 0; n++) {
            revisitCursor = (revisitCursor + 1) % names.length;
            int pid = parsePid(names[revisitCursor]);
            Slot slot = pid > 0 ? slots.get(pid) : null;
            if (slot == null || slot.seen != now) {
                continue;
            }
            budget--;
            ProcessInfo old = slot.info;
            StatLine stat = reader.stat(pid);
            if (stat == null || (stat.startTime() == old.startTime() && stat.ppid() == old.ppid()
                    && stat.comm().equals(old.comm()))) {
                continue;
            }
            ProcessInfo again = reader.full(pid);
            if (again != null) {
                apply(pid, slot, again, added, removed, changed);
            }
        }
    }

    private static void apply(int pid, Slot slot, ProcessInfo again, List<Integer> added, List<Integer> removed,
                              List<Integer> changed) {
        ProcessInfo old = slot.info;
        slot.info = again;
        slot.readAt = slot.seen;
        if (again.startTime() != old.startTime()) {
            removed.add(pid);
            added.add(pid);
        } else if (!again.equals(old)) {
            changed.add(pid);
        }
    }

    /** The pid a /proc entry names, or -1 for the non-numeric entries (self, sys, meminfo...). */
    static int parsePid(String name) {
        int len = name.length();
        if (len == 0 || len > 9) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < len; i++) {
            int d = name.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }
}
