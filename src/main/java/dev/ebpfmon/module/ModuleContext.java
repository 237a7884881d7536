package dev.ebpfmon.module;

import dev.ebpfmon.config.ConfigProblem;
import dev.ebpfmon.config.IniFile;
import dev.ebpfmon.config.LoadMode;
import dev.ebpfmon.config.ModuleSettings;
import dev.ebpfmon.kernel.KernelSymbols;
import java.util.List;
import java.util.Optional;

/**
 * Everything a module gets from the agent to plan, load and collect: its settings, its own
 * configuration file (for sections of its own such as sync's {@code [syscalls]}), where its
 * counters sit in the per-process record, and where to report configuration problems.
 *
 * @param pidOffset byte offset of the module's counters in the per-process record, assigned by
 *                  the loader; 0 when nothing is counted per process (apps and cgroups off)
 * @param problems  where a module reports what is wrong in its file (file, line and key)
 * @param kernel    this kernel's functions and tracepoints, for modules whose hooks depend on them
 * @param networkConnections {@code [ebpf programs] network connections}: whether the socket module
 *                  also runs its network viewer (Netdata's switch, kept in ebpf.d.conf)
 * @param attachments how the loader served the module's probe points; {@link Attachments#NOT_LOADED}
 *                  until the module is loaded (its collector and group charts see the real ones)
 */
public record ModuleContext(ModuleSettings settings, Optional<IniFile> file, int pidOffset,
        List<ConfigProblem> problems, KernelSymbols kernel, boolean networkConnections, Attachments attachments) {

    /** A context before loading, without the network viewer (the switch concerns the socket module only). */
    public ModuleContext(ModuleSettings settings, Optional<IniFile> file, int pidOffset,
            List<ConfigProblem> problems, KernelSymbols kernel) {
        this(settings, file, pidOffset, problems, kernel, false, Attachments.NOT_LOADED);
    }

    /** A context before loading. */
    public ModuleContext(ModuleSettings settings, Optional<IniFile> file, int pidOffset,
            List<ConfigProblem> problems, KernelSymbols kernel, boolean networkConnections) {
        this(settings, file, pidOffset, problems, kernel, networkConnections, Attachments.NOT_LOADED);
    }

    /** A context with no file of the module's own, nothing counted per process, on this machine's kernel. */
    public static ModuleContext of(ModuleSettings settings) {
        return new ModuleContext(settings, Optional.empty(), 0, new java.util.ArrayList<>(), new ThisKernel());
    }

    public String module() {
        return settings.module();
    }

    public LoadMode mode() {
        return settings.loadMode();
    }

    public int updateEvery() {
        return settings.updateEvery();
    }

    public boolean returnMode() {
        return settings.loadMode() == LoadMode.RETURN;
    }

    public ModuleContext withPidOffset(int offset) {
        return new ModuleContext(settings, file, offset, problems, kernel, networkConnections, attachments);
    }

    public ModuleContext withAttachments(Attachments served) {
        return new ModuleContext(settings, file, pidOffset, problems, kernel, networkConnections, served);
    }

    /** This machine's symbols, read only if asked (a chart catalog never asks). */
    private static final class ThisKernel implements KernelSymbols {
        private KernelSymbols symbols;

        private synchronized KernelSymbols symbols() {
            if (symbols == null) {
                symbols = KernelSymbols.system();
            }
            return symbols;
        }

        @Override
        public boolean hasFunction(String name) {
            return symbols().hasFunction(name);
        }

        @Override
        public boolean hasTracepoint(String category, String event) {
            return symbols().hasTracepoint(category, event);
        }

        @Override
        public Optional<String> whyNoTrampoline(String function) {
            return symbols().whyNoTrampoline(function);
        }

        @Override
        public Optional<String> whyNoKprobe(String function) {
            return symbols().whyNoKprobe(function);
        }

        @Override
        public String kprobeTarget(String function) {
            return symbols().kprobeTarget(function);
        }

        @Override
        public java.util.OptionalInt tracepointArgs(String event) {
            return symbols().tracepointArgs(event);
        }
    }
}
