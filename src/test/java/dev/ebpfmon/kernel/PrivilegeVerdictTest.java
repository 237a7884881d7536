package dev.ebpfmon.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which combinations of uid, capabilities and kernel version may load BPF programs. */
class PrivilegeVerdictTest {

    private static KernelFacts facts(String release, long caps, int euid) {
        return new KernelFacts(release, KernelVersion.parse(release), true,
                Tracefs.at(Path.of("/sys/kernel/tracing"), false), "none", false, true,
                new ProbeEvents(true, true, true), "not present",
                new Privileges(caps, euid), Optional.of(true), Optional.empty());
    }

    private static long bits(Capability... caps) {
        long b = 0;
        for (Capability c : caps) {
            b |= 1L << c.bit();
        }
        return b;
    }

    @Test
    void unprivilegedUserIsToldToUseSudo() {
        assertThat(facts("6.18.0", 0, 1000).missingPrivilege()).contains(
                "ebpfmon needs root, or the capabilities CAP_BPF and CAP_PERFMON (kernel >= 5.8; "
                        + "and CAP_SYS_RESOURCE before 5.11), to load BPF programs; run it with sudo.");
    }

    @Test
    void sysAdminAloneIsEnough() {
        assertThat(facts("4.19.0", bits(Capability.SYS_ADMIN), 1000).missingPrivilege()).isEmpty();
    }

    @Test
    void splitCapabilitiesNeedKernel58() {
        long split = bits(Capability.BPF, Capability.PERFMON, Capability.SYS_RESOURCE);
        assertThat(facts("5.8.0", split, 1000).missingPrivilege()).isEmpty();
        assertThat(facts("5.4.0", split, 1000).missingPrivilege()).isPresent();
        assertThat(facts("garbage", split, 1000).missingPrivilege()).isEmpty();
    }

    @Test
    void splitCapabilitiesMustAllBeThere() {
        assertThat(facts("5.10.0", bits(Capability.BPF, Capability.PERFMON), 1000).missingPrivilege()).isPresent();
        assertThat(facts("6.1.0", bits(Capability.BPF), 1000).missingPrivilege()).isPresent();
    }

    @Test
    void fromFiveElevenMemoryIsChargedToTheCgroupAndNeedsNoSysResource() {
        assertThat(facts("6.1.0", bits(Capability.BPF, Capability.PERFMON), 1000).missingPrivilege()).isEmpty();
    }

    @Test
    void rootWithoutCapabilitiesGetsItsOwnExplanation() {
        assertThat(facts("6.1.0", 0, 0).missingPrivilege()).get().asString()
                .startsWith("ebpfmon runs as root but without CAP_SYS_ADMIN");
    }
}
