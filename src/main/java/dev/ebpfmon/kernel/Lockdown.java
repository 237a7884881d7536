package dev.ebpfmon.kernel;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the kernel lockdown mode; under "confidentiality" BPF may not read kernel memory. */
final class Lockdown {
    private Lockdown() {}

    private static final Pattern SELECTED = Pattern.compile("\\[([a-z]+)]");

    /** The bracketed word of e.g. {@code none [integrity] confidentiality}. */
    static Optional<String> mode(String content) {
        Matcher m = SELECTED.matcher(content);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
