package dev.ebpfmon.module;

import dev.ebpfmon.apps.AppGroup;
import dev.ebpfmon.apps.AppGrouping;
import dev.ebpfmon.apps.AppsGroups;
import dev.ebpfmon.apps.CgroupKind;
import dev.ebpfmon.apps.CgroupName;
import dev.ebpfmon.apps.CgroupNames;
import dev.ebpfmon.apps.ProcessInfo;
import dev.ebpfmon.apps.ProcessTable;
import java.util.ArrayList;
import java.util.Optional;
import java.util.Set;

/**
 * Processes as the group charts see them, from two sources: /proc (the process table and
 * apps_groups.conf grouping) for processes that live across ticks, and the kernel's pid_info for
 * those too short-lived for /proc, which are grouped by their name after exec, or else by their
 * parent's group, as Netdata's apps.plugin groups children.
 */
public final class AppsView implements ProcessView, AutoCloseable {
    private static final int MAX_PARENT_WALK = 64;

    private final ProcessTable table;
    private final AppGrouping grouping;
    private final AppsGroups groups;
    private final CgroupNames cgroups;
    private final PidInfoTable kernel;
    private final boolean perProcess;
    /** Exited processes seen at the last refresh: forgotten one tick later if no table held them. */
    private Set<Integer> exitedBefore = Set.of();

    /** @param perProcess one group per process ("comm/pid") instead of apps_groups.conf groups */
    public AppsView(ProcessTable table, AppsGroups groups, CgroupNames cgroups, PidInfoTable kernel, boolean perProcess) {
        this.perProcess = perProcess;
        this.table = table;
        this.groups = groups;
        this.grouping = new AppGrouping(groups, table);
        this.cgroups = cgroups;
        this.kernel = kernel;
    }

    @Override
    public void refresh() {
        grouping.update(table.refresh());
        kernel.refresh();
    }

    @Override
    public boolean gone(int tgid) {
        Optional<PidInfo> info = kernel.get(tgid);
        return info.map(PidInfo::exited).orElseGet(() -> table.get(tgid).isEmpty());
    }

    @Override
    public String app(int tgid) {
        if (perProcess) {
            String comm = table.get(tgid).map(ProcessInfo::comm)
                    .or(() -> kernel.get(tgid).map(PidInfo::comm)).orElse("?");
            return comm + "/" + tgid;
        }
        AppGroup group = groupOf(tgid);
        return group.hidden() && !group.name().startsWith("-") ? "-" + group.name() : group.name();
    }

    private AppGroup groupOf(int tgid) {
        int pid = tgid;
        for (int depth = 0; depth < MAX_PARENT_WALK && pid > 0; depth++) {
            if (table.get(pid).isPresent()) {
                return grouping.groupOf(pid);
            }
            Optional<PidInfo> info = kernel.get(pid);
            if (info.isEmpty()) {
                break;
            }
            Optional<AppGroup> own = groups.match(asProcess(info.get()));
            if (own.isPresent()) {
                return own.get();
            }
            pid = info.get().ppid();
        }
        return groups.other();
    }

    private static ProcessInfo asProcess(PidInfo info) {
        return new ProcessInfo(info.tgid(), info.ppid(), info.comm(), "", -1, -1, "", 0);
    }

    @Override
    public Cgroup cgroup(int tgid) {
        Optional<CgroupName> name = kernel.get(tgid).flatMap(info -> cgroups.byId(info.cgroupId()))
                .or(() -> table.get(tgid).filter(p -> !p.cgroupPath().isEmpty()).map(p -> cgroups.name(p.cgroupPath())));
        return name.filter(n -> !n.path().equals("/"))
                .map(n -> new Cgroup(n.name(), n.kind() == CgroupKind.SERVICE)).orElse(null);
    }

    /**
     * Drops pid_info of processes whose last counts were taken, and of processes that exited a tick
     * ago without counts in any table (one tick later, in case their last counts were in flight).
     */
    @Override
    public void forget(Set<Integer> tgids) {
        Set<Integer> drop = new java.util.HashSet<>(tgids);
        drop.addAll(exitedBefore);
        kernel.forget(new ArrayList<>(drop));
        Set<Integer> exitedNow = new java.util.HashSet<>();
        kernel.all().forEach((tgid, info) -> {
            if (info.exited()) {
                exitedNow.add(tgid);
            }
        });
        exitedBefore = exitedNow;
    }

    @Override
    public void close() {
        kernel.close();
    }
}
