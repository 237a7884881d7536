package dev.ebpfmon.config;

import java.util.Optional;

/**
 * Preferred attach method for CO-RE programs ({@code ebpf co-re tracing}). It is a preference: the
 * loader falls back trampoline, then probe, then tracepoint when the kernel refuses the first.
 */
public enum CoreTracing {
    /** fentry/fexit: cheapest, needs BTF and kernel >= 5.5. */
    TRAMPOLINE("trampoline"),
    /** kprobe/kretprobe. */
    PROBE("probe"),
    /** Static kernel tracepoints, where the traced function has one. */
    TRACEPOINT("tracepoint");

    private final String word;

    CoreTracing(String word) {
        this.word = word;
    }

    public String configWord() {
        return word;
    }

    public static Optional<CoreTracing> fromConfig(String value) {
        return ConfigWords.find(values(), CoreTracing::configWord, value);
    }
}
