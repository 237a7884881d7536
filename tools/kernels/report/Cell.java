/**
 * One cell of the matrix: how one module did on one kernel with one `ebpf co-re tracing` value.
 *
 * @param mode   the scenario's load mode (entry, return), "-" when no scenario reported one
 * @param attach what the module attached, in the scenario's or `check`'s words
 * @param detail the reason of a "cannot run", the failure message of a "failed"
 */
record Cell(String run, String tracing, String module, String mode, String attach, Result result, String detail) {

    enum Result {
        EXACT("exact"),
        APPROXIMATE("approximate"),
        CANNOT_RUN("cannot run"),
        FAILED("failed"),
        /** Loads and attaches, but no scenario test reported counts for it. */
        UNTESTED("runs, no scenario");

        final String word;

        Result(String word) {
            this.word = word;
        }
    }

    Cell withResult(Result r, String why) {
        return new Cell(run, tracing, module, mode, attach, r, why);
    }

    /** A verifier log or stack trace on one line, cut short; the failure list has it all. */
    static String brief(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= 200 ? line : line.substring(0, 199) + "…";
    }

    /** What the table shows in its result column. */
    String shown(boolean expected) {
        return switch (result) {
            case CANNOT_RUN -> "cannot run" + (expected ? " (expected): " : " (UNEXPECTED): ") + brief(detail);
            case FAILED -> "FAILED: " + brief(detail);
            default -> result.word;
        };
    }
}
