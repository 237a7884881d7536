package dev.ebpfmon.module;

import dev.ebpfmon.chart.Algorithm;
import dev.ebpfmon.chart.ChartType;
import dev.ebpfmon.chart.Dimension;

/**
 * A module's per-process counters charted per group of processes, in Netdata's three layouts:
 * {@code apps.<id>} with one dimension per application group, {@code cgroup_<name>.<id>} with one
 * chart per cgroup, and {@code services.<id>} with one dimension per systemd service. Modules
 * declare these; the group collector does the rest.
 *
 * @param id         the chart id in all three layouts
 * @param value      the value of one group from its counters (summed over its processes) now and
 *                   at the previous collection
 * @param returnOnly whether the chart exists only in return mode (errors)
 */
public record GroupChart(String id, String title, String units, Value value, boolean returnOnly,
        Apps apps, Cgroup cgroup, Services services) {

    /** A group's value from the module's counters summed over the group's processes. */
    @FunctionalInterface
    public interface Value {
        long of(long[] now, long[] before);

        /** The sum of these counters, now. */
        static Value sum(int... counterIds) {
            return (now, before) -> {
                long sum = 0;
                for (int id : counterIds) {
                    sum += now[id];
                }
                return sum;
            };
        }
    }

    /** {@code apps.<id>}: stacked, context {@code apps.<id>}, one dimension per application group. */
    public record Apps(String family, int priority, Algorithm algorithm) {}

    /** {@code cgroup_<name>.<id>}: one chart per cgroup with one dimension; Netdata titles a few differently. */
    public record Cgroup(String title, String context, String family, int priority, ChartType type,
            Dimension dimension) {}

    /** {@code services.<id>}: one dimension per systemd service; Netdata titles a few differently. */
    public record Services(String title, String context, String family, int priority, ChartType type,
            Algorithm algorithm) {}

    public boolean appliesTo(ModuleContext context) {
        return !returnOnly || context.returnMode();
    }

    public static Builder builder(String id, String title, String units, Value value) {
        return new Builder(id, title, units, value);
    }

    /** Collects a group chart; all three layouts must be given. */
    public static final class Builder {
        private final String id;
        private final String title;
        private final String units;
        private final Value value;
        private boolean returnOnly;
        private Apps apps;
        private Cgroup cgroup;
        private Services services;

        private Builder(String id, String title, String units, Value value) {
            this.id = id;
            this.title = title;
            this.units = units;
            this.value = value;
        }

        public Builder returnOnly() {
            this.returnOnly = true;
            return this;
        }

        public Builder apps(String family, int priority, Algorithm algorithm) {
            this.apps = new Apps(family, priority, algorithm);
            return this;
        }

        public Builder cgroup(String context, String family, int priority, ChartType type, Dimension dimension) {
            return cgroup(title, context, family, priority, type, dimension);
        }

        public Builder cgroup(String cgroupTitle, String context, String family, int priority, ChartType type,
                Dimension dimension) {
            this.cgroup = new Cgroup(cgroupTitle, context, family, priority, type, dimension);
            return this;
        }

        public Builder services(String context, String family, int priority, ChartType type, Algorithm algorithm) {
            return services(title, context, family, priority, type, algorithm);
        }

        public Builder services(String servicesTitle, String context, String family, int priority, ChartType type,
                Algorithm algorithm) {
            this.services = new Services(servicesTitle, context, family, priority, type, algorithm);
            return this;
        }

        public GroupChart build() {
            if (apps == null || cgroup == null || services == null) {
                throw new IllegalStateException("group chart " + id + " needs its apps, cgroup and services layouts");
            }
            return new GroupChart(id, title, units, value, returnOnly, apps, cgroup, services);
        }
    }
}
