package dev.ebpfmon.kernel;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes raw BTF (the format of /sys/kernel/btf/*) for tests: type headers with the right number
 * of trailing bytes per kind, and a string section. For split BTF, strings the base already has
 * are referred to by the base's offsets, as the kernel's deduplicated module BTF does.
 */
final class BtfBuilder {
    static final int INT = 1, PTR = 2, ARRAY = 3, STRUCT = 4, UNION = 5, ENUM = 6, FWD = 7, TYPEDEF = 8,
            VOLATILE = 9, CONST = 10, RESTRICT = 11, FUNC = 12, FUNC_PROTO = 13, VAR = 14, DATASEC = 15,
            FLOAT = 16, DECL_TAG = 17, TYPE_TAG = 18, ENUM64 = 19;

    private final ByteOrder order;
    private final BtfBuilder base;
    private final ByteArrayOutputStream types = new ByteArrayOutputStream();
    private final ByteArrayOutputStream strings = new ByteArrayOutputStream();
    private final Map<String, Integer> offsets = new LinkedHashMap<>();

    BtfBuilder() {
        this(ByteOrder.LITTLE_ENDIAN, null);
    }

    private BtfBuilder(ByteOrder order, BtfBuilder base) {
        this.order = order;
        this.base = base;
        strings.write(0); // offset 0 is the empty name
        offsets.put("", 0);
    }

    static BtfBuilder bigEndian() {
        return new BtfBuilder(ByteOrder.BIG_ENDIAN, null);
    }

    /** Split BTF over {@code base} (which must not change afterwards). */
    static BtfBuilder splitOver(BtfBuilder base) {
        return new BtfBuilder(ByteOrder.LITTLE_ENDIAN, base);
    }

    /** A type of {@code kind} with {@code vlen} members and the trailing bytes that kind has. */
    BtfBuilder type(String name, int kind, int vlen) {
        ByteBuffer b = ByteBuffer.allocate(12 + trailing(kind, vlen)).order(order);
        b.putInt(name(name)).putInt((kind << 24) | vlen).putInt(0);
        types.writeBytes(b.array());
        return this;
    }

    BtfBuilder type(String name, int kind) {
        return type(name, kind, 0);
    }

    private static int trailing(int kind, int vlen) {
        return switch (kind) {
            case INT, VAR, DECL_TAG -> 4;
            case ARRAY -> 12;
            case STRUCT, UNION, DATASEC, ENUM64 -> 12 * vlen;
            case ENUM, FUNC_PROTO -> 8 * vlen;
            default -> 0;
        };
    }

    private int name(String name) {
        if (base != null && base.offsets.containsKey(name)) {
            return base.offsets.get(name);
        }
        Integer known = offsets.get(name);
        if (known != null) {
            return (base == null ? 0 : base.strings.size()) + known;
        }
        int offset = strings.size();
        strings.writeBytes(name.getBytes(StandardCharsets.UTF_8));
        strings.write(0);
        offsets.put(name, offset);
        return (base == null ? 0 : base.strings.size()) + offset;
    }

    byte[] bytes() {
        byte[] t = types.toByteArray();
        byte[] s = strings.toByteArray();
        ByteBuffer b = ByteBuffer.allocate(24 + t.length + s.length).order(order);
        b.putShort((short) 0xeB9F).put((byte) 1).put((byte) 0).putInt(24);
        b.putInt(0).putInt(t.length).putInt(t.length).putInt(s.length);
        b.put(t).put(s);
        return b.array();
    }
}
