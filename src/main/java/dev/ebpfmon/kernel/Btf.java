package dev.ebpfmon.kernel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The names a kernel's BTF declares that ebpfmon asks about: functions (BTF_KIND_FUNC) and raw
 * tracepoints (the {@code btf_trace_<name>} typedefs the kernel emits for each). Reads the raw
 * BTF format of /sys/kernel/btf/* directly: only the type headers are walked, nothing is resolved.
 * Module BTF is split BTF: its string offsets continue those of vmlinux, so it needs the base.
 */
final class Btf {
    private static final int MAGIC = 0xeB9F;
    private static final int KIND_PTR = 2;
    private static final int KIND_TYPEDEF = 8;
    private static final int KIND_FUNC_PROTO = 13;
    private static final int KIND_FUNC = 12;
    private static final String RAW_TRACEPOINT_PREFIX = "btf_trace_";

    private final Set<String> functions;
    private final Set<String> rawTracepoints;
    private final java.util.Map<String, Integer> rawTracepointArgs = new java.util.HashMap<>();
    private final byte[] strings;

    private Btf(Set<String> functions, Set<String> rawTracepoints, byte[] strings) {
        this.functions = functions;
        this.rawTracepoints = rawTracepoints;
        this.strings = strings;
    }

    /**
     * How many arguments each raw tracepoint of vmlinux passes its programs: its
     * {@code btf_trace_<name>} typedef points to a function prototype whose first parameter is the
     * probe's data pointer. Arguments change across kernels and backports (block_rq_issue lost its
     * request_queue in 5.11 and in Debian's 5.10), and reading a context slot a tracepoint does not
     * have fails the whole object's load.
     */
    java.util.Map<String, Integer> rawTracepointArgs() {
        return rawTracepointArgs;
    }

    Set<String> functions() {
        return functions;
    }

    Set<String> rawTracepoints() {
        return rawTracepoints;
    }

    /** Parses vmlinux's BTF. */
    static Btf parse(byte[] data) throws IOException {
        return parse(data, null);
    }

    /** Parses a kernel module's split BTF on top of vmlinux's ({@code base}). */
    static Btf parseSplit(byte[] data, Btf base) throws IOException {
        return parse(data, base);
    }

    private static Btf parse(byte[] data, Btf base) throws IOException {
        if (data.length < 24) {
            throw new IOException("too short for a BTF header (" + data.length + " bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        if ((b.getShort(0) & 0xffff) != MAGIC) {
            b.order(ByteOrder.BIG_ENDIAN);
            if ((b.getShort(0) & 0xffff) != MAGIC) {
                throw new IOException("not BTF (magic 0x" + Integer.toHexString(b.getShort(0) & 0xffff) + ")");
            }
        }
        long hdrLen = b.getInt(4) & 0xffffffffL;
        long typeOff = hdrLen + (b.getInt(8) & 0xffffffffL);
        long typeEnd = typeOff + (b.getInt(12) & 0xffffffffL);
        long strOff = hdrLen + (b.getInt(16) & 0xffffffffL);
        long strEnd = strOff + (b.getInt(20) & 0xffffffffL);
        if (typeEnd > data.length || strEnd > data.length || typeOff > typeEnd || strOff > strEnd) {
            throw new IOException("BTF sections lie outside its " + data.length + " bytes");
        }
        byte[] strings = java.util.Arrays.copyOfRange(data, (int) strOff, (int) strEnd);
        Btf names = new Btf(new HashSet<>(), new HashSet<>(), strings);
        // per type id (from 1, in order), what following a typedef to its prototype needs
        java.util.List<int[]> types = new java.util.ArrayList<>();
        java.util.Map<String, Integer> typedefs = new java.util.HashMap<>();
        int p = (int) typeOff;
        while (p < typeEnd) {
            if (p + 12 > typeEnd) {
                throw new IOException("truncated type at byte " + p);
            }
            int nameOff = b.getInt(p);
            int info = b.getInt(p + 4);
            int kind = (info >>> 24) & 0x1f;
            int vlen = info & 0xffff;
            if (kind == KIND_FUNC) {
                names.functions.add(names.name(nameOff, base));
            } else if (kind == KIND_TYPEDEF) {
                String name = names.name(nameOff, base);
                if (name.startsWith(RAW_TRACEPOINT_PREFIX)) {
                    names.rawTracepoints.add(name.substring(RAW_TRACEPOINT_PREFIX.length()));
                    typedefs.put(name.substring(RAW_TRACEPOINT_PREFIX.length()), b.getInt(p + 8));
                }
            }
            types.add(new int[] {kind, vlen, b.getInt(p + 8)});
            p += 12 + extraBytes(kind, vlen, p);
        }
        if (base == null) {
            typedefs.forEach((event, pointer) -> {
                int[] ptr = pointer >= 1 && pointer <= types.size() ? types.get(pointer - 1) : null;
                int[] proto = ptr != null && ptr[0] == KIND_PTR && ptr[2] >= 1 && ptr[2] <= types.size()
                        ? types.get(ptr[2] - 1) : null;
                if (proto != null && proto[0] == KIND_FUNC_PROTO && proto[1] >= 1) {
                    names.rawTracepointArgs.put(event, proto[1] - 1);
                }
            });
        }
        return names;
    }

    /** Bytes that follow the 12-byte type header, per kind (include/uapi/linux/btf.h). */
    private static int extraBytes(int kind, int vlen, int at) throws IOException {
        return switch (kind) {
            case 1, 14, 17 -> 4;               // INT, VAR, DECL_TAG
            case 2, 7, 8, 9, 10, 11, 12, 16, 18 -> 0; // PTR, FWD, TYPEDEF, VOLATILE, CONST, RESTRICT, FUNC, FLOAT, TYPE_TAG
            case 3 -> 12;                      // ARRAY
            case 4, 5, 15, 19 -> 12 * vlen;    // STRUCT, UNION, DATASEC, ENUM64
            case 6, 13 -> 8 * vlen;            // ENUM, FUNC_PROTO
            default -> throw new IOException("unknown BTF kind " + kind + " at byte " + at);
        };
    }

    /** Split BTF numbers its strings after the base's, which it does not repeat. */
    private String name(int offset, Btf base) throws IOException {
        if (base != null) {
            if (offset < base.strings.length) {
                return base.string(offset);
            }
            offset -= base.strings.length;
        }
        return string(offset);
    }

    private String string(int offset) throws IOException {
        if (offset < 0 || offset >= strings.length) {
            throw new IOException("string offset " + offset + " outside the string section");
        }
        int end = offset;
        while (end < strings.length && strings[end] != 0) {
            end++;
        }
        return new String(strings, offset, end - offset, StandardCharsets.UTF_8);
    }
}
