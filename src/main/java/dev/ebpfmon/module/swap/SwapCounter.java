package dev.ebpfmon.module.swap;

/**
 * Counter ids of the swap module, in the order of `enum swap_counter` in
 * src/main/bpf/modules/swap/swap.h: calls reading and writing swap, and the pages they carried.
 */
public enum SwapCounter {
    READ_CALL, WRITE_CALL, READ_PAGES, WRITE_PAGES;

    public static final int COUNT = values().length;

    public int id() {
        return ordinal();
    }
}
