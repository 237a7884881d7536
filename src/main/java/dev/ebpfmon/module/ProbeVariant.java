package dev.ebpfmon.module;

import dev.ebpfmon.kernel.AttachKind;
import java.util.List;

/**
 * One way to serve a probe point: a program of the module's BPF object and how it attaches.
 *
 * @param functions for a trampoline or probe program whose section names no function
 *                  ({@code SEC("fentry")}, {@code SEC("kprobe")}): the kernel function to attach to,
 *                  as its names went across kernel versions, preferred first; the loader takes the
 *                  first this kernel has. Empty for programs whose section says where they go.
 */
public record ProbeVariant(AttachKind kind, String program, List<String> functions) {
    public ProbeVariant {
        functions = List.copyOf(functions);
    }

    public ProbeVariant(AttachKind kind, String program) {
        this(kind, program, List.of());
    }
}
