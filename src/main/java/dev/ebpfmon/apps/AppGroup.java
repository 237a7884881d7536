package dev.ebpfmon.apps;

/**
 * One application group of apps_groups.conf: a dimension on every {@code apps.*} chart.
 *
 * @param hidden its processes are counted (their children inherit it) but it is not charted;
 *               written with a leading '-' on the group name
 */
public record AppGroup(String name, boolean hidden) {

    /** Where processes that match no pattern and have no matched ancestor go. */
    public static final String OTHER = "other";

    public boolean isOther() {
        return name.equals(OTHER);
    }
}
