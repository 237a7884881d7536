package dev.ebpfmon.cli;

/** Entry point; subcommands are wired in {@link EbpfmonCommand}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(0);
    }
}
