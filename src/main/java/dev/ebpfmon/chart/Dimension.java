package dev.ebpfmon.chart;

/**
 * One line of a chart. Module code starts from a factory and refines it:
 * {@code Dimension.incremental("write").times(-1)}.
 *
 * @param id         what {@code SET} lines refer to; unique within its chart
 * @param name       what a dashboard shows in the legend
 * @param multiplier scales the collected value (negative values draw below the axis)
 * @param divisor    scales the collected value down; never zero
 * @param hidden     takes part in calculations but is not drawn
 */
public record Dimension(String id, String name, Algorithm algorithm, long multiplier, long divisor,
        boolean hidden) {

    public Dimension {
        ProtocolIds.require("dimension id", id);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("dimension '" + id + "' needs a non-blank name");
        }
        if (algorithm == null) {
            throw new IllegalArgumentException("dimension '" + id + "' needs an algorithm");
        }
        if (multiplier == 0) {
            throw new IllegalArgumentException("dimension '" + id + "': multiplier must not be 0");
        }
        if (divisor == 0) {
            throw new IllegalArgumentException("dimension '" + id + "': divisor must not be 0");
        }
    }

    public static Dimension of(String id, Algorithm algorithm) {
        return new Dimension(id, id, algorithm, 1, 1, false);
    }

    /** A growing counter whose per-second rate is shown. */
    public static Dimension incremental(String id) {
        return of(id, Algorithm.INCREMENTAL);
    }

    /** A gauge shown as collected. */
    public static Dimension absolute(String id) {
        return of(id, Algorithm.ABSOLUTE);
    }

    public static Dimension percentageOfAbsoluteRow(String id) {
        return of(id, Algorithm.PERCENTAGE_OF_ABSOLUTE_ROW);
    }

    public static Dimension percentageOfIncrementalRow(String id) {
        return of(id, Algorithm.PERCENTAGE_OF_INCREMENTAL_ROW);
    }

    public Dimension named(String newName) {
        return new Dimension(id, newName, algorithm, multiplier, divisor, hidden);
    }

    public Dimension times(long newMultiplier) {
        return new Dimension(id, name, algorithm, newMultiplier, divisor, hidden);
    }

    public Dimension dividedBy(long newDivisor) {
        return new Dimension(id, name, algorithm, multiplier, newDivisor, hidden);
    }

    public Dimension asHidden() {
        return new Dimension(id, name, algorithm, multiplier, divisor, true);
    }
}
