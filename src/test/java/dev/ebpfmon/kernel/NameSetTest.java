package dev.ebpfmon.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NameSetTest {
    @Test
    void holdsExactlyTheNamesGivenOnceEach() {
        NameSet names = NameSet.of(List.of("vfs_read", "do_sys_openat2", "vfs_read", "__x64_sys_close", "ünïcode"));
        assertThat(names.size()).isEqualTo(4);
        assertThat(names.contains("vfs_read")).isTrue();
        assertThat(names.contains("do_sys_openat2")).isTrue();
        assertThat(names.contains("__x64_sys_close")).isTrue();
        assertThat(names.contains("ünïcode")).isTrue();
        assertThat(names.contains("vfs_rea")).as("a prefix is not a name").isFalse();
        assertThat(names.contains("vfs_read2")).isFalse();
        assertThat(names.contains("")).isFalse();
        assertThat(names.contains("zzz")).isFalse();
        assertThat(names.contains("a")).isFalse();
    }

    @Test
    void findsTheFirstNameWithAPrefixInByteOrder() {
        NameSet names = NameSet.of(List.of("tcp_sendmsg", "tcp_sendmsg.cold", "tcp_sendmsg.isra.0", "tcp_sendpage",
                "udp_sendmsg.constprop.0"));
        assertThat(names.firstStartingWith("tcp_sendmsg.")).contains("tcp_sendmsg.cold");
        assertThat(names.firstStartingWith("udp_sendmsg.")).contains("udp_sendmsg.constprop.0");
        assertThat(names.firstStartingWith("tcp_recvmsg.")).isEmpty();
        assertThat(names.firstStartingWith("zz")).isEmpty();
    }

    @Test
    void agreesWithAHashSetOnManyRandomNames() {
        Random random = new Random(42);
        List<String> given = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            given.add(name(random));
        }
        Set<String> expected = new HashSet<>(given);
        NameSet names = NameSet.of(given);
        assertThat(names.size()).isEqualTo(expected.size());
        for (int i = 0; i < 20_000; i++) {
            String probe = i % 2 == 0 ? given.get(random.nextInt(given.size())) : name(random);
            assertThat(names.contains(probe)).as(probe).isEqualTo(expected.contains(probe));
        }
    }

    private static String name(Random random) {
        StringBuilder b = new StringBuilder();
        int length = 1 + random.nextInt(6);
        for (int i = 0; i < length; i++) {
            b.append((char) ('a' + random.nextInt(4)));
        }
        return b.toString();
    }

    @Test
    void anEmptySetHoldsNothing() {
        NameSet names = NameSet.of(List.of());
        assertThat(names.size()).isZero();
        assertThat(names.contains("x")).isFalse();
        assertThat(names.firstStartingWith("x")).isEmpty();
    }
}
