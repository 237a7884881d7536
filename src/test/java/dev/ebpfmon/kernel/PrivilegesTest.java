package dev.ebpfmon.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrivilegesTest {

    @Test
    void fullRootCapabilities() {
        Privileges p = Privileges.parseStatus("Name:\tx\nUid:\t0\t0\t0\t0\nCapEff:\t000001ffffffffff\n");
        assertThat(p.root()).isTrue();
        assertThat(p.held()).containsExactlyInAnyOrder(Capability.values());
    }

    @Test
    void containerRootWithoutSysResource() {
        // bit 24 cleared, as some sandboxes do
        Privileges p = Privileges.parseStatus("Uid:\t0\t0\t0\t0\nCapEff:\t000001fffeffffff\n");
        assertThat(p.has(Capability.SYS_RESOURCE)).isFalse();
        assertThat(p.has(Capability.SYS_ADMIN)).isTrue();
        assertThat(p.has(Capability.BPF)).isTrue();
    }

    @Test
    void individualBitsMapToCapabilities() {
        long bits = (1L << 39) | (1L << 38) | (1L << 24);
        Privileges p = Privileges.parseStatus("Uid:\t1000\t1000\t1000\t1000\nCapEff:\t" + Long.toHexString(bits) + "\n");
        assertThat(p.root()).isFalse();
        assertThat(p.euid()).isEqualTo(1000);
        assertThat(p.held()).containsExactlyInAnyOrder(Capability.BPF, Capability.PERFMON, Capability.SYS_RESOURCE);
        assertThat(p.has(Capability.SYS_ADMIN)).isFalse();
    }

    @Test
    void effectiveUidIsTheSecondField() {
        Privileges p = Privileges.parseStatus("Uid:\t1000\t0\t1000\t0\nCapEff:\t0000000000200000\n");
        assertThat(p.root()).isTrue();
        assertThat(p.held()).containsExactly(Capability.SYS_ADMIN);
    }

    @Test
    void capabilityBitNumbersMatchTheKernel() {
        assertThat(Capability.DAC_READ_SEARCH.bit()).isEqualTo(2);
        assertThat(Capability.SYS_PTRACE.bit()).isEqualTo(19);
        assertThat(Capability.SYS_ADMIN.bit()).isEqualTo(21);
        assertThat(Capability.SYS_RESOURCE.bit()).isEqualTo(24);
        assertThat(Capability.PERFMON.bit()).isEqualTo(38);
        assertThat(Capability.BPF.bit()).isEqualTo(39);
        assertThat(Capability.BPF.capName()).isEqualTo("CAP_BPF");
    }

    @Test
    void garbageMeansNothingHeld() {
        Privileges p = Privileges.parseStatus("CapEff:\tzz\nUid:\tabc\n");
        assertThat(p.held()).isEmpty();
        assertThat(p.root()).isFalse();
        assertThat(Privileges.parseStatus("").euid()).isEqualTo(-1);
    }
}
