package dev.ebpfmon.bench;

import java.util.List;
import java.util.Map;

/**
 * The agent's account of itself over a window, from its self charts: netdata.ebpf_agent_cpu
 * (utime and stime as the agent reads them) and netdata.ebpf_tick_duration (how long its
 * collection ticks take). Read from the plugins.d output in netdata mode and from the JSON API
 * for the standalone agent: the outputs users see.
 */
abstract sealed class SelfCharts {
    /**
     * CPU in clock ticks (10 ms) over the window, the mean of the tick chart's "last" (wall time) and
     * "cpu" (the tick thread's CPU time) in ms, and, seen from outside, how long after the whole second
     * a tick started on its output arrived, in ms; NaN: no data (no output to time for the standalone agent).
     */
    record Reading(double cpuTicks, double tickMillis, double tickCpuMillis, double outputLagMillis) {}

    static SelfCharts open(AgentProcess agent) throws Exception {
        return agent.mode() == AgentProcess.Mode.NETDATA ? new FromPluginsd(agent.stream()) : new FromApi(agent.api(10));
    }

    /**
     * @param startNanos,endNanos the window on System.nanoTime
     * @param startEpochMillis,endEpochMillis the same window on the wall clock
     */
    abstract Reading over(long startNanos, long endNanos, long startEpochMillis, long endEpochMillis) throws Exception;

    /** Raw values, as Netdata receives them: cumulative clock ticks, tick durations in ns. */
    static final class FromPluginsd extends SelfCharts {
        private final PluginsdStream stream;

        FromPluginsd(PluginsdStream stream) {
            this.stream = stream;
        }

        @Override
        Reading over(long startNanos, long endNanos, long startEpochMillis, long endEpochMillis) {
            PluginsdStream.Block before = stream.lastBefore(PluginsdStream.AGENT_CPU, startNanos);
            PluginsdStream.Block after = stream.lastBefore(PluginsdStream.AGENT_CPU, endNanos);
            double cpu = before == null || after == null || before == after ? Double.NaN
                    : cpuTicks(after.values()) - cpuTicks(before.values());
            List<PluginsdStream.Block> ticks = stream.blocks(PluginsdStream.TICK_DURATION, startNanos, endNanos);
            return new Reading(cpu, mean(ticks, "last") / 1e6, mean(ticks, "cpu") / 1e6,
                    meanLagPastSecond(ticks, startNanos, startEpochMillis));
        }

        /**
         * Ticks start on whole seconds of the wall clock and write their output at their end, in one
         * write: how far past its second each block arrived is the tick's wall time seen from outside
         * (plus the timer's wake-up and the pipe), the counterpart of the tick chart's "last".
         */
        static double meanLagPastSecond(List<PluginsdStream.Block> blocks, long startNanos, long startEpochMillis) {
            return blocks.stream().mapToDouble(b -> {
                double wallMillis = startEpochMillis + (b.nanos() - startNanos) / 1e6;
                return wallMillis - Math.floor(wallMillis / 1000) * 1000;
            }).average().orElse(Double.NaN);
        }

        private static double mean(List<PluginsdStream.Block> ticks, String dimension) {
            return ticks.stream().filter(b -> b.values().containsKey(dimension))
                    .mapToLong(b -> b.values().get(dimension)).average().orElse(Double.NaN);
        }

        private static long cpuTicks(Map<String, Long> values) {
            return values.getOrDefault("user", 0L) + values.getOrDefault("system", 0L);
        }
    }

    /** Displayed values from the history: CPU in % of one core per second, tick durations in µs. */
    static final class FromApi extends SelfCharts {
        private final AgentApi api;

        FromApi(AgentApi api) {
            this.api = api;
        }

        @Override
        Reading over(long startNanos, long endNanos, long startEpochMillis, long endEpochMillis) throws Exception {
            // the ticks inside the window fall on the whole seconds after its start, up to its end
            long after = startEpochMillis / 1000 + 1;
            long before = endEpochMillis / 1000;
            AgentApi.Rows cpu = api.data(PluginsdStream.AGENT_CPU, after, before);
            double percent = cpu.mean("user") + cpu.mean("system");
            // 1 % of a core for one second is one clock tick
            double seconds = (endEpochMillis - startEpochMillis) / 1000.0;
            AgentApi.Rows ticks = api.data(PluginsdStream.TICK_DURATION, after, before);
            return new Reading(percent * seconds, ticks.mean("last") / 1000, ticks.mean("cpu") / 1000, Double.NaN);
        }
    }
}
