package dev.ebpfmon.cli;

/** Exit codes shared by the commands (documented in README.md). */
final class ExitCodes {
    static final int NO_PRIVILEGE = 3;
    static final int NOTHING_RUNS = 4;
    static final int STRICT_FAILED = 5;
    static final int PORT_IN_USE = 6;
    static final int BAD_TOKEN_FILE = 7;

    private ExitCodes() {}
}
