package dev.ebpfmon.module;

import dev.ebpfmon.config.LoadMode;
import java.util.List;

/**
 * A module counter charted per group of processes: per application (context `apps.<appsId>`,
 * one dimension per application group, Netdata 1.37's layout) and per cgroup (context
 * `cgroup.<cgroupId>` in one chart per cgroup, and `services.<cgroupId>` with one dimension per
 * systemd service). Modules declare these; {@link GroupCollector} does the rest.
 *
 * @param counterIds the module counters summed into this chart's value
 * @param returnOnly whether the counter exists only in return mode (errors)
 */
public record GroupChart(String appsId, String cgroupId, String title, String units, String family, int priority,
        List<Integer> counterIds, boolean returnOnly) {
    public GroupChart {
        counterIds = List.copyOf(counterIds);
    }


    public static GroupChart calls(String appsId, String cgroupId, String title, String family, int priority,
            int counterId) {
        return new GroupChart(appsId, cgroupId, title, "calls/s", family, priority, List.of(counterId), false);
    }

    public GroupChart errors() {
        return new GroupChart(appsId, cgroupId, title, units, family, priority, counterIds, true);
    }

    public GroupChart inUnits(String newUnits) {
        return new GroupChart(appsId, cgroupId, title, newUnits, family, priority, counterIds, returnOnly);
    }

    public GroupChart plus(int counterId) {
        List<Integer> ids = new java.util.ArrayList<>(counterIds);
        ids.add(counterId);
        return new GroupChart(appsId, cgroupId, title, units, family, priority, ids, returnOnly);
    }

    public boolean appliesTo(LoadMode mode) {
        return !returnOnly || mode == LoadMode.RETURN;
    }

    long value(long[] counters) {
        long sum = 0;
        for (int id : counterIds) {
            sum += counters[id];
        }
        return sum;
    }
}
