package dev.ebpfmon.kernel;

/** One line of {@code ebpfmon check}: a kernel facility, whether it is fine, and the details. */
public record FacilityLine(String facility, Status status, String detail) {

    public enum Status {
        OK,
        /** Works, but something is limited or worth knowing. */
        WARNING,
        /** ebpfmon cannot work (fully) until this is fixed. */
        PROBLEM
    }

    @Override
    public String toString() {
        return String.format("%-11s %-8s %s", facility, status, detail);
    }
}
