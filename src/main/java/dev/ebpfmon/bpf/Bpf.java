package dev.ebpfmon.bpf;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.util.Optional;

/**
 * Entry point facts about the BPF runtime of this process: whether libbpf could be loaded and how
 * many CPUs per-CPU maps are sized for.
 */
@SuppressWarnings("restricted") // this package is the project's one native boundary
public final class Bpf {
    static final String LIBRARY = "libbpf.so.1";
    static final String NOT_FOUND = LIBRARY + " not found: install the Debian package libbpf1";

    private Bpf() {}

    /** True when libbpf.so.1 was found; every other call in this package needs it. */
    public static boolean available() {
        return Library.LOOKUP != null;
    }

    /** Why BPF cannot be used in this process, if it cannot. */
    public static Optional<String> unavailableReason() {
        return Optional.ofNullable(Library.PROBLEM);
    }

    /**
     * CPUs the kernel sizes per-CPU map values for (possible, not online, CPUs: a per-CPU value
     * buffer has one slot for each).
     *
     * @throws IllegalStateException if libbpf is not available
     */
    public static int possibleCpus() {
        if (Library.PROBLEM != null) {
            throw new IllegalStateException(Library.PROBLEM);
        }
        return Libbpf.POSSIBLE_CPUS;
    }

    /**
     * Returns the malloc heap's free pages to the kernel; for after loading, when libbpf has freed
     * what it parsed and nothing will reuse it.
     *
     * @return false where the C library cannot (musl)
     */
    public static boolean trimMallocHeap() {
        return Libc.trimMallocHeap();
    }

    static void requireLibbpf() throws BpfException {
        if (Library.PROBLEM != null) {
            throw new BpfException(Library.PROBLEM);
        }
    }

    static SymbolLookup library() {
        if (Library.LOOKUP == null) {
            throw new IllegalStateException(Library.PROBLEM);
        }
        return Library.LOOKUP;
    }

    /** Kept apart from {@link Libbpf} so that a missing library is a fact to report, not a broken class. */
    private static final class Library {
        static final SymbolLookup LOOKUP;
        static final String PROBLEM;

        static {
            SymbolLookup lookup = null;
            String problem = null;
            try {
                lookup = SymbolLookup.libraryLookup(LIBRARY, Arena.global());
            } catch (IllegalArgumentException e) {
                problem = NOT_FOUND;
            }
            LOOKUP = lookup;
            PROBLEM = problem;
        }
    }
}
