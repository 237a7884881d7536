package dev.ebpfmon.chart.golden;

/**
 * One {@code DIMENSION} line of a chart golden: {@code DIMENSION <id> name=<name> <algorithm> <multiplier>
 * <divisor> [hidden] [when=<condition>]}.
 *
 * @param when empty when the dimension exists whenever its chart does
 */
public record GoldenDimension(String id, String name, String algorithm, long multiplier, long divisor,
        boolean hidden, String when) {

    public GoldenDimension {
        when = when == null ? "" : when;
    }

    /** The same dimension without its condition, as a renderer of ebpfmon's charts writes it. */
    public GoldenDimension unconditional() {
        return new GoldenDimension(id, name, algorithm, multiplier, divisor, hidden, "");
    }

    /** Everything but the id, as the diff reports a dimension that is missing or extra. */
    public String spec() {
        return "name=" + name + " " + algorithm + " " + multiplier + " " + divisor + (hidden ? " hidden" : "");
    }

    public String line() {
        return "DIMENSION " + id + " " + spec() + (when.isEmpty() ? "" : " when=" + when);
    }
}
