package dev.ebpfmon.module.process;

import static dev.ebpfmon.module.process.ProcessCounter.PROCESS_CREATE;
import static dev.ebpfmon.module.process.ProcessCounter.PROCESS_ERR;
import static dev.ebpfmon.module.process.ProcessCounter.TASK_EXIT;
import static dev.ebpfmon.module.process.ProcessCounter.TASK_RELEASE;
import static dev.ebpfmon.module.process.ProcessCounter.THREAD_ERR;

import dev.ebpfmon.config.LoadMode;
import dev.ebpfmon.module.Scenario;
import java.util.List;

/**
 * Forks counted for the forking process; its own exit and release (after its parent reaped it);
 * the children's exits and releases belong to the children. Clones the kernel refuses count as
 * errors, in return mode only.
 */
public final class ProcessScenario implements Scenario {
    @Override
    public List<String> ops() {
        return List.of("fork:4", "open:2", "bad-clone:3", "bad-thread:2");
    }

    @Override
    public long[] expected(LoadMode mode) {
        boolean ret = mode == LoadMode.RETURN;
        return Scenario.of(ProcessCounter.class).put(PROCESS_CREATE, 4).put(TASK_EXIT, 1).put(TASK_RELEASE, 1)
                .put(PROCESS_ERR, ret ? 3 : 0).put(THREAD_ERR, ret ? 2 : 0).toArray();
    }
}
