package dev.ebpfmon.module.socket;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Netdata's {@code ips} list of {@code [network connections]}: blank-separated addresses, CIDR
 * blocks ({@code 10.0.0.0/8}, {@code fc00::/7}), ranges ({@code a-b}) and {@code *}, IPv4 or IPv6,
 * each excluded with a leading {@code !}. An address is kept when no exclusion holds it and an
 * inclusion does (every address when there are no inclusions). Addresses are compared as the
 * kernel holds them, network order; an IPv4-mapped IPv6 address counts as its IPv4 address.
 */
record IpFilter(List<Block> included, List<Block> excluded) {
    /** Netdata's default: private networks, not loopback. */
    static final String DEFAULT = "!127.0.0.1/8 10.0.0.0/8 172.16.0.0/12 192.168.0.0/16 fc00::/7 !::1/128";
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    /** Addresses first to last of one family (4 or 16 bytes), both included. */
    record Block(byte[] first, byte[] last) {
        boolean contains(byte[] address) {
            return address.length == first.length && Arrays.compareUnsigned(first, address) <= 0
                    && Arrays.compareUnsigned(address, last) <= 0;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Block b && Arrays.equals(first, b.first) && Arrays.equals(last, b.last);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(first) + Arrays.hashCode(last);
        }

        @Override
        public String toString() {
            return Addresses.text(first) + "-" + Addresses.text(last);
        }
    }

    static final IpFilter ALL = new IpFilter(List.of(), List.of());

    IpFilter {
        included = List.copyOf(included);
        excluded = List.copyOf(excluded);
    }

    /** @param address 4 or 16 bytes, network order (IPv4-mapped IPv6 already made IPv4) */
    boolean allows(byte[] address) {
        for (Block b : excluded) {
            if (b.contains(address)) {
                return false;
            }
        }
        return included.isEmpty() || included.stream().anyMatch(b -> b.contains(address));
    }

    static IpFilter parse(String text, ListProblems problems) {
        List<Block> included = new ArrayList<>();
        List<Block> excluded = new ArrayList<>();
        for (String word : text.strip().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            boolean negative = word.startsWith("!");
            List<Block> blocks = blocks(word, negative ? word.substring(1) : word, problems);
            (negative ? excluded : included).addAll(blocks);
        }
        return new IpFilter(included, excluded);
    }

    private static List<Block> blocks(String word, String body, ListProblems problems) {
        if (body.equals("*")) {
            return List.of(new Block(new byte[4], filled(4)), new Block(new byte[16], filled(16)));
        }
        int slash = body.indexOf('/');
        int dash = body.indexOf('-');
        if (body.indexOf('!') >= 0) {
            problems.bad(word, "has '!' inside it (only a whole entry can be excluded)");
            return List.of();
        }
        if (slash >= 0) {
            Optional<byte[]> address = literal(body.substring(0, slash));
            String bits = body.substring(slash + 1);
            int max = address.map(a -> a.length * 8).orElse(0);
            if (address.isEmpty() || !bits.matches("\\d{1,3}") || Integer.parseInt(bits) > max) {
                problems.bad(word, "is not a CIDR block (an IPv4 address with /0 to /32, or IPv6 with /0 to /128)");
                return List.of();
            }
            return List.of(cidr(address.get(), Integer.parseInt(bits)));
        }
        if (dash >= 0) {
            Optional<byte[]> first = literal(body.substring(0, dash));
            Optional<byte[]> last = literal(body.substring(dash + 1));
            if (first.isEmpty() || last.isEmpty() || first.get().length != last.get().length) {
                problems.bad(word, "is not a range of two addresses of one family");
                return List.of();
            }
            if (Arrays.compareUnsigned(first.get(), last.get()) > 0) {
                problems.bad(word, "is a range whose first address is above its last");
                return List.of();
            }
            return List.of(new Block(first.get(), last.get()));
        }
        Optional<byte[]> single = literal(body);
        if (single.isEmpty()) {
            problems.bad(word, "is not an IPv4 or IPv6 address, a CIDR block, a range a-b or *");
            return List.of();
        }
        return List.of(new Block(single.get(), single.get()));
    }

    /** The block of a CIDR; host bits of the address are ignored, as Netdata does. */
    static Block cidr(byte[] address, int bits) {
        byte[] first = address.clone();
        byte[] last = address.clone();
        for (int i = 0; i < address.length; i++) {
            int keep = Math.clamp(bits - i * 8, 0, 8);
            int mask = keep == 0 ? 0 : (0xff << (8 - keep)) & 0xff;
            first[i] = (byte) (address[i] & mask);
            last[i] = (byte) (address[i] | ~mask);
        }
        return new Block(first, last);
    }

    /** A numeric address only, never a name (no lookup); IPv4-mapped IPv6 comes back as IPv4. */
    static Optional<byte[]> literal(String text) {
        if (IPV4.matcher(text).matches()) {
            String[] parts = text.split("\\.");
            byte[] address = new byte[4];
            for (int i = 0; i < 4; i++) {
                int v = Integer.parseInt(parts[i]);
                if (v > 255) {
                    return Optional.empty();
                }
                address[i] = (byte) v;
            }
            return Optional.of(address);
        }
        if (text.indexOf(':') < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.ofLiteral(text).getAddress());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] filled(int length) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) 0xff);
        return b;
    }
}
