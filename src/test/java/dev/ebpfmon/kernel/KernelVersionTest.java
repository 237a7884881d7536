package dev.ebpfmon.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KernelVersionTest {

    @Test
    void parsesDistributionReleases() {
        assertThat(KernelVersion.parse("6.18.44-fc-v669")).contains(new KernelVersion(6, 18, 44));
        assertThat(KernelVersion.parse("5.10.0-28-amd64\n")).contains(new KernelVersion(5, 10, 0));
        assertThat(KernelVersion.parse("4.18.0-513.5.1.el8_9.x86_64")).contains(new KernelVersion(4, 18, 0));
        assertThat(KernelVersion.parse("6.1")).contains(new KernelVersion(6, 1, 0));
        assertThat(KernelVersion.parse("6.9-rc1")).contains(new KernelVersion(6, 9, 0));
    }

    @Test
    void rejectsNonVersions() {
        assertThat(KernelVersion.parse("")).isEmpty();
        assertThat(KernelVersion.parse(null)).isEmpty();
        assertThat(KernelVersion.parse("linux")).isEmpty();
        assertThat(KernelVersion.parse("6")).isEmpty();
        assertThat(KernelVersion.parse("99999999999.1")).isEmpty();
    }

    @Test
    void comparesNumericallyNotLexically() {
        KernelVersion v5_10 = new KernelVersion(5, 10, 0);
        KernelVersion v5_9 = new KernelVersion(5, 9, 200);
        assertThat(v5_10).isGreaterThan(v5_9);
        assertThat(new KernelVersion(6, 18, 44)).isGreaterThan(new KernelVersion(6, 18, 9));
        assertThat(new KernelVersion(6, 0, 0)).isGreaterThan(v5_10);
        assertThat(v5_10.atLeast(5, 10)).isTrue();
        assertThat(v5_9.atLeast(5, 10)).isFalse();
        assertThat(v5_10).isEqualByComparingTo(KernelVersion.of(5, 10));
        assertThat(new KernelVersion(6, 18, 44)).hasToString("6.18.44");
    }
}
