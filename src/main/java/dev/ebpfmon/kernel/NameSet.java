package dev.ebpfmon.kernel;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;

/**
 * A large, fixed set of kernel symbol names (the functions in BTF, kallsyms and
 * available_filter_functions: about 200,000 names on our kernel), packed in one sorted byte array
 * with the start of each name. The agent keeps them for its whole life, to plan modules again when
 * asked; as sets of Strings they held 13 MB of its heap, packed they take about a third of that.
 */
final class NameSet {
    private final byte[] bytes;
    /** Name {@code i} is {@code bytes[starts[i]]} up to {@code bytes[starts[i + 1]]}. */
    private final int[] starts;

    private NameSet(byte[] bytes, int[] starts) {
        this.bytes = bytes;
        this.starts = starts;
    }

    static NameSet of(Collection<String> names) {
        byte[][] encoded = names.stream().map(n -> n.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        Arrays.sort(encoded, Arrays::compareUnsigned);
        int distinct = 0;
        int total = 0;
        for (int i = 0; i < encoded.length; i++) {
            if (i == 0 || !Arrays.equals(encoded[i], encoded[distinct - 1])) {
                encoded[distinct++] = encoded[i];
                total += encoded[i].length;
            }
        }
        byte[] bytes = new byte[total];
        int[] starts = new int[distinct + 1];
        for (int i = 0; i < distinct; i++) {
            System.arraycopy(encoded[i], 0, bytes, starts[i], encoded[i].length);
            starts[i + 1] = starts[i] + encoded[i].length;
        }
        return new NameSet(bytes, starts);
    }

    int size() {
        return starts.length - 1;
    }

    boolean contains(String name) {
        byte[] key = name.getBytes(StandardCharsets.UTF_8);
        int at = lowerBound(key);
        return at < size() && compare(at, key) == 0;
    }

    /** The first name, in byte order, that starts with {@code prefix}. */
    Optional<String> firstStartingWith(String prefix) {
        byte[] key = prefix.getBytes(StandardCharsets.UTF_8);
        int at = lowerBound(key);
        if (at == size()) {
            return Optional.empty();
        }
        int length = starts[at + 1] - starts[at];
        if (length < key.length
                || Arrays.compareUnsigned(bytes, starts[at], starts[at] + key.length, key, 0, key.length) != 0) {
            return Optional.empty();
        }
        return Optional.of(new String(bytes, starts[at], length, StandardCharsets.UTF_8));
    }

    /** The index of the first name not below {@code key}. */
    private int lowerBound(byte[] key) {
        int low = 0;
        int high = size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (compare(middle, key) < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private int compare(int index, byte[] key) {
        return Arrays.compareUnsigned(bytes, starts[index], starts[index + 1], key, 0, key.length);
    }
}
