package dev.ebpfmon.config;

import java.util.Optional;

/** Which side of a traced function is observed ({@code ebpf load mode}). */
public enum LoadMode {
    /** Count calls only. */
    ENTRY("entry"),
    /** Also observe returns, which adds error charts at some extra cost. */
    RETURN("return");

    private final String word;

    LoadMode(String word) {
        this.word = word;
    }

    /** The spelling used in configuration files. */
    public String configWord() {
        return word;
    }

    /** Case-insensitive, as Netdata compares these words. */
    public static Optional<LoadMode> fromConfig(String value) {
        return ConfigWords.find(values(), LoadMode::configWord, value);
    }
}
