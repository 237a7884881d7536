package dev.ebpfmon.module;

import java.nio.charset.StandardCharsets;

/**
 * A cursor over the bytes of a /proc file as read (see {@code kernel.ProcFile}): line by line,
 * and field by field within a line (runs of bytes other than blanks), numbers decoded in place.
 * Collectors read such files every tick; splitting them into strings made a few hundred objects a
 * tick per file, and touched as many cache lines again. Reused: {@link #reset} starts it over.
 * Not thread-safe.
 */
public final class TextCursor {
    private byte[] bytes = new byte[0];
    private int length;
    private int lineStart;
    private int lineEnd;
    private int next;
    private int lineNumber;
    private int fieldStart;
    private int fieldEnd;
    /** Where the next field is looked for in the current line. */
    private int scan;

    /** Starts over on {@code bytes[0, length)}, before its first line. */
    public TextCursor reset(byte[] bytes, int length) {
        return reset(bytes, 0, length);
    }

    /** Starts over on {@code bytes[from, to)}, before its first line. */
    public TextCursor reset(byte[] bytes, int from, int to) {
        this.bytes = bytes;
        this.length = to;
        this.next = from;
        this.lineStart = 0;
        this.lineEnd = 0;
        this.lineNumber = 0;
        this.fieldStart = 0;
        this.fieldEnd = 0;
        this.scan = 0;
        return this;
    }

    /** Moves to the next line (blank or not); false after the last one. */
    public boolean nextLine() {
        if (next >= length) {
            return false;
        }
        lineStart = next;
        int end = lineStart;
        while (end < length && bytes[end] != '\n') {
            end++;
        }
        lineEnd = end;
        next = end + 1;
        lineNumber++;
        fieldStart = fieldEnd = scan = lineStart;
        return true;
    }

    /** The current line's number, from 1. */
    public int lineNumber() {
        return lineNumber;
    }

    /** Moves to the next field of the current line; false when the line has no more. */
    public boolean nextField() {
        int at = scan;
        while (at < lineEnd && isBlank(bytes[at])) {
            at++;
        }
        if (at >= lineEnd) {
            fieldStart = fieldEnd = scan = lineEnd;
            return false;
        }
        fieldStart = at;
        while (at < lineEnd && !isBlank(bytes[at])) {
            at++;
        }
        fieldEnd = scan = at;
        return true;
    }

    /**
     * Moves to the text before the next {@code separator} of the current line, blanks around it
     * left out (the label of {@code LOC:} or {@code  24:}); the next field is the one after it.
     *
     * @return false, the cursor unmoved, when the rest of the line has no such byte
     */
    public boolean fieldUpTo(char separator) {
        int at = scan;
        while (at < lineEnd && bytes[at] != separator) {
            at++;
        }
        if (at >= lineEnd) {
            return false;
        }
        int start = scan;
        while (start < at && isBlank(bytes[start])) {
            start++;
        }
        int end = at;
        while (end > start && isBlank(bytes[end - 1])) {
            end--;
        }
        fieldStart = start;
        fieldEnd = end;
        scan = at + 1;
        return true;
    }

    /** Whether the current field is digits only (at most 18, so that it fits a long). */
    public boolean fieldIsCount() {
        int n = fieldEnd - fieldStart;
        if (n == 0 || n > 18) {
            return false;
        }
        for (int i = fieldStart; i < fieldEnd; i++) {
            if (bytes[i] < '0' || bytes[i] > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * The current field as a count.
     *
     * @throws NumberFormatException when it is not one (see {@link #fieldIsCount})
     */
    public long count() {
        if (!fieldIsCount()) {
            throw new NumberFormatException("not a count: '" + field() + "'");
        }
        long value = 0;
        for (int i = fieldStart; i < fieldEnd; i++) {
            value = value * 10 + (bytes[i] - '0');
        }
        return value;
    }

    /** Whether the current field is {@code text} (ASCII). */
    public boolean fieldIs(String text) {
        if (fieldEnd - fieldStart != text.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (bytes[fieldStart + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The current field as a string (allocates: for what is kept, or for messages). */
    public String field() {
        return new String(bytes, fieldStart, fieldEnd - fieldStart, StandardCharsets.UTF_8);
    }

    /** The current line as a string (allocates: for what is kept, or for messages). */
    public String line() {
        return new String(bytes, lineStart, lineEnd - lineStart, StandardCharsets.UTF_8);
    }

    /** Whether the current line has nothing but blanks. */
    public boolean lineIsBlank() {
        for (int i = lineStart; i < lineEnd; i++) {
            if (!isBlank(bytes[i])) {
                return false;
            }
        }
        return true;
    }

    public int lineStart() {
        return lineStart;
    }

    public int lineEnd() {
        return lineEnd;
    }

    public int fieldStart() {
        return fieldStart;
    }

    public int fieldEnd() {
        return fieldEnd;
    }

    /** The bytes the cursor runs over (the caller's array, not a copy). */
    public byte[] bytes() {
        return bytes;
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\f' || b == 0x0B;
    }
}
