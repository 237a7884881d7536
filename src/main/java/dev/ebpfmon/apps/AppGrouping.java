package dev.ebpfmon.apps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which application group each process of a {@link ProcessTable} belongs to, the way Netdata's
 * apps plugins decide: a pattern matching the process itself wins; otherwise it belongs to its
 * parent's group, up the ppid chain; a chain that reaches init (pid 1), the idle task (pid 0) or a
 * configured process manager without a match ends in {@code other}.
 *
 * <p>A process is grouped when it is first seen and again when the table reports it changed
 * (after {@code exec}, see {@link ProcessTable}); children keep the group they got, as in
 * apps.plugin, even if their parent later changes.
 * {@link #groupOf} may be called from any thread; {@link #update} from the refreshing one.
 */
public final class AppGrouping {

    /** Deeper ppid chains than this only come from a corrupt or looping fake tree. */
    private static final int MAX_DEPTH = 4096;

    private final AppsGroups groups;
    private final ProcessTable table;
    private final Map<Integer, AppGroup> assigned = new ConcurrentHashMap<>();

    public AppGrouping(AppsGroups groups, ProcessTable table) {
        this.groups = groups;
        this.table = table;
    }

    /** Applies a refresh of the table: forgets removed pids, groups added and changed ones. */
    public void update(Refresh refresh) {
        for (int pid : refresh.removed()) {
            assigned.remove(pid);
        }
        for (int pid : refresh.changed()) {
            assigned.remove(pid);
        }
        for (int pid : refresh.added()) {
            assign(pid);
        }
        for (int pid : refresh.changed()) {
            assign(pid);
        }
    }

    /** The group of a known pid; {@code other} for pids the table does not know (yet). */
    public AppGroup groupOf(int pid) {
        AppGroup g = assigned.get(pid);
        return g != null ? g : groups.other();
    }

    /** Pids per group, groups in configuration order, empty groups left out. */
    public Map<AppGroup, List<Integer>> byGroup() {
        Map<AppGroup, List<Integer>> out = new LinkedHashMap<>();
        for (AppGroup g : groups.groups()) {
            out.put(g, new ArrayList<>());
        }
        assigned.forEach((pid, g) -> out.get(g).add(pid));
        out.values().removeIf(List::isEmpty);
        out.values().forEach(l -> l.sort(null));
        return out;
    }

    public AppsGroups groups() {
        return groups;
    }

    /**
     * Walks up until a process with a match or an already grouped ancestor, then gives that group
     * to every process on the way, so a burst of new pids (start-up, fork storms) costs each
     * ancestor one look, whatever order the pids come in.
     */
    private AppGroup assign(int pid) {
        List<Integer> path = new ArrayList<>();
        AppGroup found = null;
        int cur = pid;
        while (found == null && path.size() < MAX_DEPTH) {
            if (cur != pid) {
                found = assigned.get(cur);
                if (found != null) {
                    break;
                }
            }
            Optional<ProcessInfo> info = table.get(cur);
            if (info.isEmpty()) {
                // parent already gone (or never listed): nothing to inherit
                found = groups.other();
                break;
            }
            ProcessInfo p = info.get();
            Optional<AppGroup> own = groups.match(p);
            path.add(cur);
            if (own.isPresent()) {
                found = own.get();
            } else if (p.pid() <= 1 || p.ppid() <= 0 || p.ppid() == 1 || p.ppid() == p.pid() || isManager(p.ppid())) {
                found = groups.other();
            } else {
                cur = p.ppid();
            }
        }
        if (found == null) {
            found = groups.other();
        }
        // Everything on the path below its end has no match of its own, so all of it shares
        // the group found at the end
        for (int p : path) {
            assigned.put(p, found);
        }
        return found;
    }

    private boolean isManager(int pid) {
        return table.get(pid).map(groups::isManager).orElse(false);
    }
}
