package dev.ebpfmon.module.group;

/** Dimension and chart ids from free text (application and cgroup names) for the plugins.d lines. */
final class DimensionIds {
    private DimensionIds() {}

    /** A chart type of its own for a cgroup: like a dimension id, and without dots (Netdata splits type.id at the first). */
    static String chartType(String prefix, String name) {
        return prefix + of(name).replace('.', '_');
    }

    static String of(String name) {
        StringBuilder id = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            id.append(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' ? c : '_');
        }
        return id.isEmpty() ? "_" : id.toString();
    }
}
