package dev.ebpfmon.module.socket;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Netdata's {@code ports} list of {@code [network connections]}: blank-separated ports, ranges
 * ({@code a:b} or {@code a-b}), service names ({@code ssh}, from /etc/services) and {@code *},
 * each excluded when written with a leading {@code !}. A port is kept when no exclusion holds it
 * and an inclusion does; with no inclusions at all, every port not excluded is kept (Netdata
 * would keep none, which no one writing {@code !22} means).
 */
record PortFilter(List<Range> included, List<Range> excluded) {
    static final int MIN = 1;
    static final int MAX = 65535;
    private static final Pattern NUMERIC = Pattern.compile("(\\d+)(?:([:-])(.*))?");

    /** Ports first to last, both included. */
    record Range(int first, int last) {
        boolean contains(int port) {
            return first <= port && port <= last;
        }
    }

    static final PortFilter ALL = new PortFilter(List.of(new Range(MIN, MAX)), List.of());

    PortFilter {
        included = List.copyOf(included);
        excluded = List.copyOf(excluded);
    }

    boolean allows(int port) {
        for (Range r : excluded) {
            if (r.contains(port)) {
                return false;
            }
        }
        return included.isEmpty() || included.stream().anyMatch(r -> r.contains(port));
    }

    /** @param services the port of a service name, if /etc/services knows it */
    static PortFilter parse(String text, Function<String, OptionalInt> services, ListProblems problems) {
        List<Range> included = new ArrayList<>();
        List<Range> excluded = new ArrayList<>();
        for (String word : text.strip().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            boolean negative = word.startsWith("!");
            String body = negative ? word.substring(1) : word;
            Range range = range(word, body, services, problems);
            if (range != null) {
                (negative ? excluded : included).add(range);
            }
        }
        return new PortFilter(included, excluded);
    }

    private static Range range(String word, String body, Function<String, OptionalInt> services,
            ListProblems problems) {
        if (body.equals("*")) {
            return new Range(MIN, MAX);
        }
        Matcher m = NUMERIC.matcher(body);
        if (m.matches()) {
            if (m.group(3) != null && m.group(3).startsWith("!")) {
                problems.bad(word, "has '!' in the second part of the range (only a whole range can be excluded)");
                return null;
            }
            Integer first = port(m.group(1));
            Integer last = m.group(2) == null ? first : port(m.group(3));
            if (first == null || last == null) {
                problems.bad(word, "is not a port or a range of ports between " + MIN + " and " + MAX);
                return null;
            }
            if (first > last) {
                problems.bad(word, "is a range whose first port is above its last");
                return null;
            }
            return new Range(first, last);
        }
        if (!body.isEmpty() && Character.isLetter(body.charAt(0)) && body.chars().noneMatch(c -> c == ':' || c == '!')) {
            OptionalInt port = services.apply(body);
            if (port.isEmpty()) {
                problems.bad(word, "is no service name /etc/services knows (for tcp or udp)");
                return null;
            }
            return new Range(port.getAsInt(), port.getAsInt());
        }
        problems.bad(word, "is not a port, a range a:b, a service name or *");
        return null;
    }

    private static Integer port(String digits) {
        if (digits == null || digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(Character::isDigit)) {
            return null;
        }
        int port = Integer.parseInt(digits);
        return port >= MIN && port <= MAX ? port : null;
    }
}
