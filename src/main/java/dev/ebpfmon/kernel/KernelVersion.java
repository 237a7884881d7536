package dev.ebpfmon.kernel;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The numeric part of a kernel release such as {@code 6.18.44-fc-v669}; ordered numerically. */
public record KernelVersion(int major, int minor, int patch) implements Comparable<KernelVersion> {

    // Distribution suffixes vary wildly ("-28-amd64", "+", ".el9.x86_64"); only the leading
    // dotted numbers are meaningful for feature checks.
    private static final Pattern LEADING = Pattern.compile("^(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    private static final Comparator<KernelVersion> ORDER = Comparator.comparingInt(KernelVersion::major)
            .thenComparingInt(KernelVersion::minor)
            .thenComparingInt(KernelVersion::patch);

    public static Optional<KernelVersion> parse(String release) {
        if (release == null) {
            return Optional.empty();
        }
        Matcher m = LEADING.matcher(release.strip());
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            return Optional.of(new KernelVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), patch));
        } catch (NumberFormatException e) {
            return Optional.empty(); // digits too long for an int: not a real kernel release
        }
    }

    public static KernelVersion of(int major, int minor) {
        return new KernelVersion(major, minor, 0);
    }

    public boolean atLeast(int major, int minor) {
        return compareTo(of(major, minor)) >= 0;
    }

    @Override
    public int compareTo(KernelVersion other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
