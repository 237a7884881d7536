package dev.ebpfmon.apps;

import java.util.List;

/**
 * One process pattern of apps_groups.conf, with Netdata's meaning: {@code name} equals the
 * comm, {@code name*} is a comm prefix, {@code *name} a comm suffix, and {@code *name*} is searched
 * in the whole command line. A {@code *} inside the word is a wildcard within the same field
 * (newer Netdata; older versions compared it literally). Matching is case-sensitive, as in
 * ebpf.plugin. The comm patterns also match the name the command line gives a comm the kernel cut
 * at 15 characters ({@link ProcessInfo#untruncatedComm()}), as Netdata's apps.plugin does since
 * 2.0, so {@code systemd-journald} matches although the kernel calls it {@code systemd-journal}.
 *
 * @param text  the word as written, for messages
 * @param core  the word without option characters and outer stars
 * @param parts the core split on its inner stars
 */
record AppPattern(String text, Kind kind, String core, List<String> parts) {

    enum Kind { EXACT, PREFIX, SUFFIX, SUBSTRING }

    static AppPattern of(String text, Kind kind, String core) {
        return new AppPattern(text, kind, core, List.of(core.split("\\*", -1)));
    }

    /** @param untruncatedComm {@code p.untruncatedComm()}, computed once for all patterns */
    boolean matches(ProcessInfo p, String untruncatedComm) {
        if (kind == Kind.SUBSTRING) {
            return matches(p.cmdlineOrComm());
        }
        return matches(p.comm()) || (untruncatedComm.length() > p.comm().length() && matches(untruncatedComm));
    }

    boolean matches(String s) {
        boolean anchorStart = kind == Kind.EXACT || kind == Kind.PREFIX;
        boolean anchorEnd = kind == Kind.EXACT || kind == Kind.SUFFIX;
        return glob(parts, anchorStart, anchorEnd, s);
    }

    /**
     * Whether no process name can ever match: only a comm pattern (no inner star) longer than the
     * comm whose characters past the 15th include one that ends a name on a command line, since a
     * name longer than the comm is only ever found by carrying a cut comm on along the command line.
     */
    boolean neverMatches() {
        if (kind == Kind.SUBSTRING || parts.size() != 1 || core.length() <= ProcessInfo.COMM_MAX) {
            return false;
        }
        return core.substring(ProcessInfo.COMM_MAX).chars().anyMatch(c -> ProcessInfo.endsName((char) c));
    }

    /**
     * Each part must appear in order without overlap; the first is pinned to the start and the
     * last to the end when anchored. Taking each middle part at its leftmost position is optimal
     * because a star can absorb anything left over.
     */
    private static boolean glob(List<String> parts, boolean anchorStart, boolean anchorEnd, String s) {
        int from = 0;
        int end = s.length();
        int first = 0;
        int last = parts.size() - 1;
        if (anchorStart) {
            String p = parts.get(first++);
            if (!s.startsWith(p)) {
                return false;
            }
            from = p.length();
            if (parts.size() == 1) {
                return !anchorEnd || s.length() == p.length();
            }
        }
        if (anchorEnd) {
            String p = parts.get(last--);
            if (!s.endsWith(p) || end - p.length() < from) {
                return false;
            }
            end -= p.length();
        }
        for (int i = first; i <= last; i++) {
            String p = parts.get(i);
            int at = s.indexOf(p, from);
            if (at < 0 || at + p.length() > end) {
                return false;
            }
            from = at + p.length();
        }
        return true;
    }
}
