package dev.ebpfmon.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The real machine: ebpfmon's test host runs as root on a BTF-enabled 6.x kernel with libbpf
 * installed. Inspection may mount tracefs and securityfs, exactly as ebpfmon itself would.
 */
@Tag("kernel")
class RealKernelTest {

    @Test
    void realFacts() throws Exception {
        KernelFacts f = KernelInspector.system().facts();
        assertThat(f.release()).isEqualTo(Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip());
        assertThat(f.version()).get().satisfies(v -> assertThat(v.atLeast(5, 8)).isTrue());
        assertThat(f.btf()).isTrue();
        assertThat(f.privileges().root()).isTrue();
        assertThat(f.privileges().has(Capability.SYS_ADMIN)).isTrue();
        assertThat(f.missingPrivilege()).isEmpty();
        assertThat(f.missingLibbpf()).isEmpty();
        assertThat(f.tracefs().usable()).as(f.tracefs().toString()).isTrue();
        assertThat(f.tracefs().dir().orElseThrow().resolve("events")).isDirectory();
        assertThat(f.lockdown()).doesNotStartWith("unknown");
        assertThat(f.bpfStatsEnabled()).isPresent();
        assertThat(f.facilities()).hasSize(10);
        assertThat(KernelInspector.system().facts()).isSameAs(f);
    }
}
