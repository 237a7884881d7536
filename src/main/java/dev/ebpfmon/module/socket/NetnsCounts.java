package dev.ebpfmon.module.socket;

import dev.ebpfmon.bpf.BpfException;
import dev.ebpfmon.bpf.BpfMap;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the kernel side counted per network namespace (socket_netns: struct socket_netns_counts),
 * the numbers a namespace's own /proc/net/snmp can be held against.
 */
final class NetnsCounts implements AutoCloseable {
    static final int INBOUND_TCP = 0;
    static final int OUTBOUND_V4 = 1;
    static final int OUTBOUND_V6 = 2;
    static final int RETRANSMIT_SEGS = 3;
    static final int COUNTERS = 4;

    private final BpfMap map;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment key;
    private final MemorySegment value;

    NetnsCounts(BpfMap map) {
        if (map.keySize() != Integer.BYTES || map.valueSize() != COUNTERS * Long.BYTES) {
            throw new IllegalArgumentException("map " + map.name() + " is not netns -> socket_netns_counts");
        }
        this.map = map;
        this.key = arena.allocate(ValueLayout.JAVA_INT);
        this.value = arena.allocate(COUNTERS * Long.BYTES, 8);
    }

    /** The counts of one namespace (zeros until something happened in it). */
    long[] read(int netns) {
        key.set(ValueLayout.JAVA_INT, 0, netns);
        long[] counts = new long[COUNTERS];
        try {
            if (map.lookup(key, value)) {
                for (int i = 0; i < COUNTERS; i++) {
                    counts[i] = value.getAtIndex(ValueLayout.JAVA_LONG, i);
                }
            }
        } catch (BpfException e) {
            throw new IllegalStateException("reading " + map.name() + ": " + e.getMessage(), e);
        }
        return counts;
    }

    /** The inode of a namespace file ({@code /proc/self/ns/net}, {@code /run/netns/NAME}): the kernel's id of it. */
    static int inode(Path nsFile) {
        try {
            Object ino = Files.getAttribute(nsFile, "unix:ino");
            return (int) ((Long) ino).longValue();
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("cannot read the inode of " + nsFile + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        arena.close();
    }
}
