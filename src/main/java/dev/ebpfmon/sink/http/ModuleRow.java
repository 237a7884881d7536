package dev.ebpfmon.sink.http;

/**
 * One module's state as the API shows it.
 *
 * @param module  the module name ({@code fd}, {@code vfs}, ...)
 * @param state   e.g. {@code running}, {@code disabled}, {@code unavailable}
 * @param how     how it attaches (e.g. {@code tracepoint}); empty when it does not run
 * @param reason  why it is not running; empty when it is
 * @param enabled whether the configuration (or the API) asks for it
 */
public record ModuleRow(String module, String state, String how, String reason, boolean enabled) {

    public ModuleRow {
        if (module == null || module.isBlank()) {
            throw new IllegalArgumentException("a module row needs a module name");
        }
        state = state == null ? "" : state;
        how = how == null ? "" : how;
        reason = reason == null ? "" : reason;
    }
}
