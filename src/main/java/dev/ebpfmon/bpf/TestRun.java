package dev.ebpfmon.bpf;

/**
 * Result of {@link BpfProgram#testRun}: the program's return value and the kernel's average run
 * time per repetition (0 for program types that do not time their runs, such as raw_tp).
 */
public record TestRun(int retval, int durationNanos) {}
