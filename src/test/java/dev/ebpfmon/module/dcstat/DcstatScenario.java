package dev.ebpfmon.module.dcstat;

import static dev.ebpfmon.module.dcstat.DcstatCounter.MISS;
import static dev.ebpfmon.module.dcstat.DcstatCounter.REFERENCE;
import static dev.ebpfmon.module.dcstat.DcstatCounter.SLOW;

import dev.ebpfmon.config.LoadMode;
import dev.ebpfmon.config.ModuleSettings;
import dev.ebpfmon.module.KernelTests;
import dev.ebpfmon.module.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Path walks of known depth from the workload's working directory, in a tree the test makes:
 * each component of an existing path is one lookup in the cache (lookup_fast); creating a file
 * looks its parent up the same way and its own name with d_lookup, which finds nothing; a
 * missing last component is tried in the cache first, then asked of the filesystem without
 * d_lookup. Trampolines or kprobes only: where the kernel has neither, the module must say so.
 */
public final class DcstatScenario implements Scenario {
    private static final int WALKS = 20;
    private static final int DEPTH = 5; // dc/d1/d2/d3/file
    private static final int CREATES = 7;
    private static final int MISSING = 3;

    @Override
    public List<String> ops() {
        return List.of("dc-walk:" + WALKS, "dc-create:" + CREATES, "dc-missing:" + MISSING);
    }

    @Override
    public long[] expected(LoadMode mode) {
        return Scenario.of(DcstatCounter.class)
                .put(REFERENCE, WALKS * DEPTH + CREATES + MISSING * 3)
                .put(SLOW, CREATES).put(MISS, CREATES).toArray();
    }

    @Override
    public AutoCloseable prepare(Path dir) throws Exception {
        Path deepest = Files.createDirectories(dir.resolve("dc/d1/d2/d3"));
        Files.writeString(deepest.resolve("file"), "dcstat");
        return () -> { };
    }

    @Override
    public Optional<String> cannotRunHere(ModuleSettings settings) {
        return KernelTests.noKernelFunctions(settings.coreTracing());
    }
}
