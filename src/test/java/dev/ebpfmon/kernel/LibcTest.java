package dev.ebpfmon.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The native helpers work without changing the machine: every call here is meant to fail. */
class LibcTest {

    @Test
    void strerrorGivesLibcText() {
        assertThat(LibcMount.strerror(2)).isEqualTo("No such file or directory");
    }

    @Test
    void failedMountReportsErrnoText(@TempDir Path dir) {
        // An unknown filesystem type fails with ENODEV for root and EPERM for anybody else.
        assertThat(new LibcMount().mount("none", dir, "ebpfmon-no-such-fs")).get().asString()
                .containsAnyOf("No such device (errno 19)", "Operation not permitted (errno 1)");
    }

    @Test
    void missingLibraryNamesThePackage() {
        assertThat(Libbpf.loadProblem("libebpfmon-does-not-exist.so.42")).get().asString()
                .startsWith("libebpfmon-does-not-exist.so.42 could not be loaded")
                .endsWith("install the Debian package libbpf1 (apt-get install libbpf1).");
    }
}
