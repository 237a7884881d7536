package dev.ebpfmon.config;

import java.util.Optional;

/** Which flavour of BPF object to load ({@code ebpf type format}). */
public enum TypeFormat {
    /** CO-RE when the kernel has BTF, legacy otherwise. */
    AUTO("auto"),
    /** Objects compiled against fixed kernel headers, attached with kprobes. */
    LEGACY("legacy"),
    /** Compile-once-run-everywhere objects relocated through BTF. */
    CORE("co-re");

    private final String word;

    TypeFormat(String word) {
        this.word = word;
    }

    public String configWord() {
        return word;
    }

    public static Optional<TypeFormat> fromConfig(String value) {
        return ConfigWords.find(values(), TypeFormat::configWord, value);
    }
}
