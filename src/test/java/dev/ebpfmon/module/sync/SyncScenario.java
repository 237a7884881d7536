package dev.ebpfmon.module.sync;

import dev.ebpfmon.config.LoadMode;
import dev.ebpfmon.module.Scenario;
import java.util.List;

/** Each of the six calls N times, on a file of the workload's own: N in every counter, in both modes. */
public final class SyncScenario implements Scenario {
    static final int N = 5;

    @Override
    public List<String> ops() {
        return List.of("sync-calls:" + N);
    }

    @Override
    public long[] expected(LoadMode mode) {
        Expected<SyncCounter> e = Scenario.of(SyncCounter.class);
        for (SyncCounter call : SyncCounter.values()) {
            e.put(call, N);
        }
        return e.toArray();
    }
}
