package dev.ebpfmon.module.oomkill;

/** Counter ids of the oomkill module, in the order of `enum oomkill_counter` in src/main/bpf/modules/oomkill/oomkill.h. */
public enum OomkillCounter {
    KILLS;

    public static final int COUNT = values().length;

    public int id() {
        return ordinal();
    }
}
