package dev.ebpfmon.module.shm;

/** Counter ids of the shm module, in the order of `enum shm_counter` in src/main/bpf/modules/shm/shm.h. */
public enum ShmCounter {
    GET, AT, DT, CTL;

    public static final int COUNT = values().length;

    public int id() {
        return ordinal();
    }
}
