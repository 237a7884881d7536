package dev.ebpfmon.kernel;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which kernel functions and tracepoints this kernel has, so that a module can pick among names a
 * function had across versions (e.g. {@code swap_read_folio} since 6.6, {@code swap_readpage}
 * before) and say which it took, or why none fits. Answers are read once and remembered.
 */
public interface KernelSymbols {

    /** The function is declared in the kernel's BTF (vmlinux or a loaded module), or is a text symbol of kallsyms. */
    boolean hasFunction(String name);

    /**
     * The tracepoint exists: in tracefs's {@code events/<category>/<event>} when tracefs is
     * usable, otherwise as a raw tracepoint in BTF (which has no category).
     */
    boolean hasTracepoint(String category, String event);

    /** Why fentry/fexit cannot attach to the function; empty when it can, or when that cannot be told here. */
    Optional<String> whyNoTrampoline(String function);

    /** Why a kprobe cannot attach to the function; empty when it can, or when that cannot be told here. */
    Optional<String> whyNoKprobe(String function);

    /**
     * The symbol a kprobe on {@code function} attaches to: the function's own name, or, when the
     * compiler left only a clone of a static function in kallsyms ({@code lookup_fast.constprop.0}),
     * the clone's; fentry keeps the BTF name.
     */
    default String kprobeTarget(String function) {
        return function;
    }

    /** How many arguments the raw tracepoint passes its programs, from vmlinux's BTF; empty where unknown. */
    default OptionalInt tracepointArgs(String event) {
        return OptionalInt.empty();
    }

    /** The first of {@code names} (in the caller's order of preference) that the kernel has. */
    default Optional<String> firstFunction(List<String> names) {
        return names.stream().filter(this::hasFunction).findFirst();
    }

    /** The symbols of the machine we run on (tracefs found, or mounted, as {@link KernelInspector#system()} does). */
    static KernelSymbols system() {
        return KernelInspector.system().symbols();
    }

    /** The symbols of a copied or fake tree ({@code sys/kernel/btf}, {@code proc/kallsyms}, tracefs under {@code sys/kernel/tracing}). */
    static KernelSymbols forRoot(Path root) {
        return KernelInspector.forRoot(root).symbols();
    }
}
