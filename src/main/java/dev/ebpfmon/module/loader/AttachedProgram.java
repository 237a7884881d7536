package dev.ebpfmon.module.loader;

import dev.ebpfmon.bpf.BpfProgram;

/**
 * A program the loader attached: its object, the probe point it serves (e.g. {@code sys_enter},
 * shared by every module that asked for it) and the program (for its run statistics).
 */
public record AttachedProgram(String object, String point, BpfProgram program) {}
