package dev.ebpfmon.module;

/** Dimension and chart ids from free text (application and cgroup names) for the plugins.d lines. */
final class DimensionIds {
    private DimensionIds() {}

    static String of(String name) {
        StringBuilder id = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            id.append(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' ? c : '_');
        }
        return id.isEmpty() ? "_" : id.toString();
    }
}
