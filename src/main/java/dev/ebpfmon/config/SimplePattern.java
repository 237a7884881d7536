package dev.ebpfmon.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Netdata's "simple pattern": blank-separated words, each a glob where {@code *} matches any run
 * of characters, optionally prefixed with {@code !} to exclude. Words are tried left to right and
 * the first one that matches decides, so {@code "!foo* *"} means "everything except foo…".
 * Matching is case-sensitive, as in Netdata.
 */
public final class SimplePattern {

    private record Word(boolean negative, String glob, List<String> parts) {
        boolean matches(String s) {
            return globMatches(parts, s);
        }
    }

    private final String source;
    private final List<Word> words;

    private SimplePattern(String source, List<Word> words) {
        this.source = source;
        this.words = words;
    }

    public static SimplePattern parse(String pattern) {
        List<Word> words = new ArrayList<>();
        String text = pattern == null ? "" : pattern.strip();
        if (!text.isEmpty()) {
            for (String raw : text.split("\\s+")) {
                boolean negative = raw.startsWith("!");
                String glob = negative ? raw.substring(1) : raw;
                words.add(new Word(negative, glob, List.of(glob.split("\\*", -1))));
            }
        }
        return new SimplePattern(text, List.copyOf(words));
    }

    /** True only when the first matching word is a positive one. */
    public boolean matches(String s) {
        return decide(s).orElse(false);
    }

    /**
     * {@code Optional.of(true)} if the first matching word is positive, {@code Optional.of(false)}
     * if it is negative, empty if no word matched, so callers can apply their own default.
     */
    public Optional<Boolean> decide(String s) {
        for (Word w : words) {
            if (w.matches(s)) {
                return Optional.of(!w.negative());
            }
        }
        return Optional.empty();
    }

    public boolean isEmpty() {
        return words.isEmpty();
    }

    /**
     * {@code parts} is the glob split on '*': the first part must be a prefix, the last a suffix,
     * and the ones between must appear in order without overlapping. Taking each middle part at
     * its leftmost position is optimal because '*' can absorb anything left over.
     */
    private static boolean globMatches(List<String> parts, String s) {
        if (parts.size() == 1) {
            return s.equals(parts.getFirst());
        }
        String first = parts.getFirst();
        String last = parts.getLast();
        if (s.length() < first.length() + last.length() || !s.startsWith(first) || !s.endsWith(last)) {
            return false;
        }
        int pos = first.length();
        int end = s.length() - last.length();
        for (int i = 1; i < parts.size() - 1; i++) {
            String part = parts.get(i);
            if (part.isEmpty()) {
                continue;
            }
            int at = s.indexOf(part, pos);
            if (at < 0 || at + part.length() > end) {
                return false;
            }
            pos = at + part.length();
        }
        return true;
    }

    @Override
    public String toString() {
        return source;
    }
}
