package dev.ebpfmon.kernel;

import static dev.ebpfmon.kernel.BtfBuilder.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Function and raw tracepoint names from raw BTF, every kind's size, split BTF and bad input. */
class BtfTest {

    /** One type of every kind, some with members, around the names the parser must find. */
    private static BtfBuilder vmlinux() {
        return new BtfBuilder()
                .type("int", INT).type("", PTR).type("", ARRAY)
                .type("file", STRUCT, 3).type("u", UNION, 2).type("e", ENUM, 4).type("inode", FWD)
                .type("", VOLATILE).type("", CONST).type("", RESTRICT)
                .type("", FUNC_PROTO, 3).type("vfs_read", FUNC)
                .type("btf_trace_sched_switch", TYPEDEF).type("size_t", TYPEDEF)
                .type("v", VAR).type(".data", DATASEC, 2).type("double", FLOAT)
                .type("tag", DECL_TAG).type("", TYPE_TAG).type("e64", ENUM64, 2)
                .type("swap_read_folio", FUNC);
    }

    @Test
    void findsFunctionsAndRawTracepointsBehindEveryKind() throws IOException {
        Btf btf = Btf.parse(vmlinux().bytes());
        assertThat(btf.functions()).containsExactlyInAnyOrder("vfs_read", "swap_read_folio");
        assertThat(btf.rawTracepoints()).containsExactly("sched_switch");
    }

    @Test
    void readsBigEndianBtf() throws IOException {
        Btf btf = Btf.parse(BtfBuilder.bigEndian().type("", FUNC_PROTO, 1).type("do_sys_open", FUNC).bytes());
        assertThat(btf.functions()).containsExactly("do_sys_open");
    }

    @Test
    void moduleBtfNamesContinueTheBaseStrings() throws IOException {
        BtfBuilder base = vmlinux();
        Btf parsedBase = Btf.parse(base.bytes());
        // "vfs_read" exists in the base's strings: the module refers to the base's offset.
        byte[] module = BtfBuilder.splitOver(base).type("", FUNC_PROTO, 2).type("md_flush_request", FUNC)
                .type("vfs_read", FUNC).type("btf_trace_md_flush", TYPEDEF).bytes();
        Btf split = Btf.parseSplit(module, parsedBase);
        assertThat(split.functions()).containsExactlyInAnyOrder("md_flush_request", "vfs_read");
        assertThat(split.rawTracepoints()).containsExactly("md_flush");
    }

    @Test
    void notBtf() {
        assertThatThrownBy(() -> Btf.parse(new byte[32])).isInstanceOf(IOException.class).hasMessageContaining("not BTF");
        assertThatThrownBy(() -> Btf.parse(new byte[4])).hasMessageContaining("too short");
    }

    @Test
    void truncatedOrUnknownTypesAreErrorsNotGuesses() {
        byte[] good = new BtfBuilder().type("x", STRUCT, 2).bytes();
        byte[] shortened = Arrays.copyOf(good, good.length - 1);
        assertThatThrownBy(() -> Btf.parse(shortened)).hasMessageContaining("outside");
        byte[] unknownKind = new BtfBuilder().type("x", 31).bytes();
        assertThatThrownBy(() -> Btf.parse(unknownKind)).hasMessageContaining("unknown BTF kind 31");
    }
}
