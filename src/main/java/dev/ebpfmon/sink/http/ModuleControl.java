package dev.ebpfmon.sink.http;

/**
 * Switches a module on or off for {@code POST /api/v1/modules/<name>}; called from HTTP threads, so
 * it must be thread-safe. A module that cannot start should come back as a row saying why, not as
 * an exception.
 */
@FunctionalInterface
public interface ModuleControl {

    /**
     * @return the module's row after the change
     * @throws IllegalArgumentException when no module has that name
     */
    ModuleRow setEnabled(String module, boolean enabled);
}
