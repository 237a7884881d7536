package dev.ebpfmon.module;

import dev.ebpfmon.kernel.AttachKind;

/** One way to serve a probe point: a program of the module's BPF object and how it attaches. */
public record ProbeVariant(AttachKind kind, String program) {}
