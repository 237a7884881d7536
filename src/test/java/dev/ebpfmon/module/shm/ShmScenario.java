package dev.ebpfmon.module.shm;

import dev.ebpfmon.config.LoadMode;
import dev.ebpfmon.module.Scenario;
import java.util.List;

/** shmget, shmat, shmdt and shmctl N times each on a private segment: N in every counter, in both modes. */
public final class ShmScenario implements Scenario {
    static final int N = 7;

    @Override
    public List<String> ops() {
        return List.of("shm-calls:" + N);
    }

    @Override
    public long[] expected(LoadMode mode) {
        Expected<ShmCounter> e = Scenario.of(ShmCounter.class);
        for (ShmCounter call : ShmCounter.values()) {
            e.put(call, N);
        }
        return e.toArray();
    }
}
