package dev.ebpfmon.module.loader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The BPF objects built into the jar (`/bpf/<name>.bpf.o`), read into memory: no temp files. */
public final class EmbeddedObjects {
    private EmbeddedObjects() {}

    public static byte[] bytes(String object) {
        String resource = "/bpf/" + object + ".bpf.o";
        try (InputStream in = EmbeddedObjects.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("BPF object " + resource + " is not in the jar (was clang run?)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
