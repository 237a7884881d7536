package dev.ebpfmon.module;

import dev.ebpfmon.config.LoadMode;
import dev.ebpfmon.config.ModuleSettings;
import java.nio.file.Path;
import java.util.List;

/**
 * A module's kernel scenario, in the module's own test package as {@code <Name>Scenario}: a
 * workload (ops of src/main/native, run by the workload binary in a directory of its own) and
 * exactly what the workload's own process must add to each of the module's counters.
 * {@link ModuleScenariosKernelTest} runs every module's scenario in both load modes.
 */
public interface Scenario {
    /** The workload, as {@code OP:COUNT} words (ebpfmon-workload --list). */
    List<String> ops();

    /**
     * What the workload's process adds to each counter (by id) in this load mode; every counter
     * not set must stay unchanged. Null for a module that does not count per process: then
     * {@link #check} says what is exact.
     */
    long[] expected(LoadMode mode);

    /** The module's settings in the scenario; the harness has already turned per-process counting on. */
    default ModuleSettings settings(ModuleSettings base) {
        return base;
    }

    /** Sets up what the workload needs (a loop device, a mount) in {@code dir}; closed afterwards. */
    default AutoCloseable prepare(Path dir) throws Exception {
        return () -> { };
    }

    /** Checks beyond the per-process counters: host counters, histograms, the kernel's own twins. */
    default void check(ScenarioRun run) throws Exception { }

    /**
     * Why the module cannot run on this kernel in these settings (no kprobes and no trampolines,
     * say), when that is expected, as text the module's own reason must contain: the test then
     * checks that the module reports itself unable to run for that reason, and the kernel matrix
     * records the cell as "cannot run" with the module's reason. Empty where it must run.
     */
    default java.util.Optional<String> cannotRunHere(ModuleSettings settings) {
        return java.util.Optional.empty();
    }

    /** What the kernel matrix records for a run that passed: "exact", or "approximate" where some series are. */
    default String result(ScenarioRun run) {
        return "exact";
    }

    /** Builds an expectation from a module's counter enum: counters not named stay 0. */
    static <E extends Enum<E>> Expected<E> of(Class<E> counters) {
        return new Expected<>(counters);
    }

    /** An expectation per counter. */
    final class Expected<E extends Enum<E>> {
        private final long[] values;

        private Expected(Class<E> counters) {
            this.values = new long[counters.getEnumConstants().length];
        }

        public Expected<E> put(E counter, long value) {
            values[counter.ordinal()] = value;
            return this;
        }

        public long[] toArray() {
            return values.clone();
        }
    }
}
