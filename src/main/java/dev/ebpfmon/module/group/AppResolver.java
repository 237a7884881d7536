package dev.ebpfmon.module.group;

import dev.ebpfmon.apps.AppGroup;
import dev.ebpfmon.apps.AppsGroups;
import dev.ebpfmon.apps.ProcessInfo;
import dev.ebpfmon.apps.ProcessLookup;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Which application group a process belongs to, the way Netdata's apps plugins decide: a pattern
 * matching the process itself wins; otherwise it belongs to its parent's group, up the parent
 * chain; a chain that reaches init, the idle task or a configured process manager without a match
 * ends in {@code other}. Processes the kernel has records of are known to the caller; their
 * ancestors are read from /proc once and remembered for a while.
 */
final class AppResolver {
    private static final int MAX_DEPTH = 64;
    /** Ancestors read from /proc; forgotten wholesale when this many, since pids get reused. */
    private static final int ANCESTORS_KEPT = 4096;

    private final AppsGroups groups;
    private final ProcessLookup proc;
    private final Map<Integer, ProcessInfo> ancestors = new HashMap<>();

    AppResolver(AppsGroups groups, ProcessLookup proc) {
        this.groups = groups;
        this.proc = proc;
    }

    /** What the matching needs of a process the kernel describes: its name, parent and command line. */
    ProcessInfo describe(int tgid, int ppid, String comm) {
        return new ProcessInfo(tgid, ppid, comm, proc.cmdline(tgid), -1, -1, "", 0);
    }

    /**
     * @param known the process info and group of a process the caller already resolved, or null
     */
    AppGroup groupOf(ProcessInfo process, IntFunction<Known> known) {
        ProcessInfo p = process;
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            Optional<AppGroup> own = groups.match(p);
            if (own.isPresent()) {
                return own.get();
            }
            if (p.pid() <= 1 || p.ppid() <= 0 || p.ppid() == 1 || p.ppid() == p.pid()) {
                return groups.other();
            }
            Known parent = known.apply(p.ppid());
            ProcessInfo parentInfo = parent != null ? parent.info() : ancestor(p.ppid());
            if (parentInfo == null || groups.isManager(parentInfo)) {
                return groups.other();
            }
            if (parent != null) {
                return parent.group();
            }
            p = parentInfo;
        }
        return groups.other();
    }

    /** A process the caller has resolved already. */
    record Known(ProcessInfo info, AppGroup group) {}

    private ProcessInfo ancestor(int pid) {
        ProcessInfo info = ancestors.get(pid);
        if (info == null) {
            if (ancestors.size() >= ANCESTORS_KEPT) {
                ancestors.clear();
            }
            info = proc.process(pid).orElse(null);
            if (info != null) {
                ancestors.put(pid, info);
            }
        }
        return info;
    }

    /** Forgets remembered ancestors, which may have exited since (called now and then). */
    void forgetAncestors() {
        ancestors.clear();
    }
}
