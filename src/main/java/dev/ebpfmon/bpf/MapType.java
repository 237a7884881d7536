package dev.ebpfmon.bpf;

/** {@code enum bpf_map_type}, in kernel order (the ordinal is the kernel's number). */
public enum MapType {
    UNSPEC, HASH, ARRAY, PROG_ARRAY, PERF_EVENT_ARRAY, PERCPU_HASH, PERCPU_ARRAY, STACK_TRACE,
    CGROUP_ARRAY, LRU_HASH, LRU_PERCPU_HASH, LPM_TRIE, ARRAY_OF_MAPS, HASH_OF_MAPS, DEVMAP, SOCKMAP,
    CPUMAP, XSKMAP, SOCKHASH, CGROUP_STORAGE, REUSEPORT_SOCKARRAY, PERCPU_CGROUP_STORAGE, QUEUE,
    STACK, SK_STORAGE, DEVMAP_HASH, STRUCT_OPS, RINGBUF, INODE_STORAGE, TASK_STORAGE, BLOOM_FILTER,
    USER_RINGBUF, CGRP_STORAGE, ARENA,
    /** A type newer than this enum; {@link BpfMap#typeId()} has the number. */
    UNKNOWN;

    private static final MapType[] BY_ID = values();

    static MapType of(int id) {
        return id >= 0 && id < UNKNOWN.ordinal() ? BY_ID[id] : UNKNOWN;
    }

    /** Values of these maps hold one slot per possible CPU when read from user space. */
    public boolean isPerCpu() {
        return this == PERCPU_HASH || this == PERCPU_ARRAY || this == LRU_PERCPU_HASH
                || this == PERCPU_CGROUP_STORAGE;
    }
}
