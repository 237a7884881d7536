package dev.ebpfmon.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.util.Optional;

/** Whether the shared libbpf that ebpfmon binds to through FFM is installed. */
final class Libbpf {
    private Libbpf() {}

    static final String SONAME = "libbpf.so.1";
    static final String DEBIAN_PACKAGE = "libbpf1";

    /** Empty when {@code soname} loads; otherwise a sentence saying what to install. */
    @SuppressWarnings("restricted") // loading a native library is the check itself
    static Optional<String> loadProblem(String soname) {
        // A confined arena unloads the library again: this is only a probe, the BPF layer
        // opens its own lookup.
        try (Arena arena = Arena.ofConfined()) {
            SymbolLookup.libraryLookup(soname, arena);
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(soname + " could not be loaded (" + e.getMessage() + "); install the Debian package "
                    + DEBIAN_PACKAGE + " (apt-get install " + DEBIAN_PACKAGE + ").");
        }
    }
}
