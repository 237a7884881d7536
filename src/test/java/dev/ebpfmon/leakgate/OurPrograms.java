package dev.ebpfmon.leakgate;

import dev.ebpfmon.bpf.Bpf;
import dev.ebpfmon.bpf.BpfException;
import dev.ebpfmon.bpf.BpfObject;
import dev.ebpfmon.bpf.BpfProgram;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The kernel names of the programs in ebpfmon's BPF objects (target/classes/bpf) and the test objects
 * (target/test-classes/bpf), read with our binding: a program whose name is not one of these is not
 * ours (systemd loads its own).
 */
final class OurPrograms {
    /** BPF_OBJ_NAME_LEN less the NUL: the kernel keeps this much of a program's name. */
    static final int KERNEL_NAME_LENGTH = 15;
    private static final Set<String> NAMES = read();

    private OurPrograms() {}

    static Set<String> names() {
        return NAMES;
    }

    static String kernelName(String programName) {
        return programName.length() <= KERNEL_NAME_LENGTH ? programName : programName.substring(0, KERNEL_NAME_LENGTH);
    }

    private static Set<String> read() {
        Set<String> names = new TreeSet<>();
        if (!Bpf.available()) {
            return Collections.unmodifiableSet(names);
        }
        try {
            Enumeration<URL> dirs = OurPrograms.class.getClassLoader().getResources("bpf");
            for (URL url : Collections.list(dirs)) {
                if (!url.getProtocol().equals("file")) {
                    continue;
                }
                try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                    for (Path object : files.filter(f -> f.toString().endsWith(".bpf.o")).toList()) {
                        names.addAll(programsIn(object));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return Collections.unmodifiableSet(names);
    }

    private static Set<String> programsIn(Path object) throws IOException {
        Set<String> names = new TreeSet<>();
        try (BpfObject obj = BpfObject.open(object.getFileName().toString(), Files.readAllBytes(object))) {
            for (BpfProgram p : obj.programs()) {
                names.add(kernelName(p.name()));
            }
        } catch (BpfException e) {
            // a test object that libbpf refuses to open (on purpose) has no program that could leak
        }
        return names;
    }
}
