package dev.ebpfmon.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Shared lookup of enum constants by their configuration spelling. */
final class ConfigWords {
    private ConfigWords() {}

    static <E extends Enum<E>> Optional<E> find(E[] values, Function<E, String> word, String value) {
        if (value == null) {
            return Optional.empty();
        }
        String wanted = value.strip();
        return Arrays.stream(values).filter(v -> word.apply(v).equalsIgnoreCase(wanted)).findFirst();
    }

    static <E extends Enum<E>> String list(E[] values, Function<E, String> word) {
        return Arrays.stream(values).map(word).collect(Collectors.joining(", "));
    }
}
