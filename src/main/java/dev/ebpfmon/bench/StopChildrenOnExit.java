package dev.ebpfmon.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * When the benchmark is stopped (SIGTERM, Ctrl-C), its try-with-resources blocks never close: the
 * agent, the swarm, bpftrace or the workload it started would live on, orphaned, with their BPF
 * programs attached and thousands of processes busy. This shutdown hook stops them as their own
 * close() would: SIGTERM (the agent detaches, the swarm reaps its children), then SIGKILL for what
 * is still there after a few seconds. On a normal exit they are gone already and it does nothing.
 */
final class StopChildrenOnExit {
    private static final long GRACE_SECONDS = 10;

    private StopChildrenOnExit() {}

    static void install() {
        Runtime.getRuntime().addShutdownHook(new Thread(StopChildrenOnExit::stop, "bench-stop-children"));
    }

    private static void stop() {
        List<ProcessHandle> children = ProcessHandle.current().children().toList();
        children.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GRACE_SECONDS);
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                child.destroyForcibly();
            }
        }
    }
}
