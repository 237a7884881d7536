package dev.ebpfmon.apps;

import java.util.List;

/**
 * What one {@link ProcessTable#refresh()} changed. A pid may be in both {@code removed} and
 * {@code added}: its old process ended and a new one got the same number, so apply removals first.
 *
 * @param added   pids seen for the first time (or reused), now readable with {@link ProcessTable#get}
 * @param removed pids whose process is gone
 * @param changed pids of the same process whose comm, command line, parent, user or cgroup changed
 *                (after {@code exec}, re-parenting or migration), noticed by a revisit or invalidate
 */
public record Refresh(List<Integer> added, List<Integer> removed, List<Integer> changed) {

    public Refresh {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }
}
