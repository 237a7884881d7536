package dev.ebpfmon.cli;

import picocli.CommandLine;

/** Entry point of the ebpfmon binary. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        LogSetup.toStderr();
        int code = new CommandLine(new EbpfmonCommand()).execute(args);
        System.exit(code);
    }
}
