package dev.ebpfmon.module;

/** Where a module keeps its per-process counters: a tgid -> u64[counters] table of a BPF object. */
public record PidTable(String object, String map, int counters) {}
