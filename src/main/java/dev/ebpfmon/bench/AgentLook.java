package dev.ebpfmon.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the agent really does in a configuration, learnt by starting it ({@code ebpfmon netdata 1})
 * and looking from outside: the modules it reports running (its netdata.ebpf_threads chart) and
 * where its programs are attached (the links among its fds). The floor is built from these points.
 *
 * @param running the modules with 1 on netdata.ebpf_threads, in the chart's order
 * @param points  the tracepoint of every link, sorted, repeated when several programs share one
 * @param links   every link, as fdinfo describes it
 */
record AgentLook(List<String> running, List<String> points, List<BpfFds.Link> links) {
    static AgentLook of(AgentConfig config, Path launcher, Path workDir) throws Exception {
        Path dir = config.writeUnder(workDir.resolve("config"));
        try (AgentProcess agent = AgentProcess.start(launcher, AgentProcess.Mode.NETDATA, dir, workDir)) {
            agent.awaitFirstSample(120);
            List<String> running = running(agent, 30);
            List<BpfFds.Link> links = BpfFds.of(agent.pid()).links();
            return new AgentLook(running, points(links), links);
        }
    }

    /** The modules the agent says run, from its first netdata.ebpf_threads block. */
    static List<String> running(AgentProcess agent, int timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            PluginsdStream.Block threads = agent.stream().lastBefore(PluginsdStream.THREADS, Long.MAX_VALUE);
            if (threads != null) {
                List<String> running = new ArrayList<>();
                for (Map.Entry<String, Long> e : threads.values().entrySet()) {
                    if (e.getValue() == 1) {
                        running.add(e.getKey());
                    }
                }
                running.sort(java.util.Comparator.comparingInt(m -> {
                    int at = AgentConfig.MODULES.indexOf(m);
                    return at < 0 ? Integer.MAX_VALUE : at;
                }));
                return running;
            }
            agent.ensureAlive();
            Thread.sleep(50);
        }
        throw new IllegalStateException("the agent wrote no " + PluginsdStream.THREADS + " chart within " + timeoutSeconds + " s");
    }

    /**
     * The attach point of each link. The floor mirrors tracepoint links (tp_btf and raw_tp both
     * make raw_tracepoint links) with an empty tp_btf program; anything else (kprobe, fentry,
     * perf-event tracepoints, on other kernels) is refused by name rather than left out silently.
     * Iterator links (the self charts' map counts) run when the agent reads them, on no event: there
     * is nothing for the floor to mirror.
     */
    static List<String> points(List<BpfFds.Link> links) {
        List<String> points = new ArrayList<>();
        for (BpfFds.Link link : links) {
            if (link.type().equals("iter")) {
                continue;
            }
            if (!link.type().equals("raw_tracepoint") || link.tracepoint().isEmpty()) {
                throw new IllegalStateException("the floor mirrors tracepoint links only; the agent also attached "
                        + link.describe() + " (link type " + link.type() + "): extend Setup.Floor");
            }
            points.add(link.tracepoint());
        }
        points.sort(null);
        return points;
    }
}
