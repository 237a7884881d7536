package dev.ebpfmon.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Build-time generator of what the package ships beside the binary, from the CLI definition:
 * {@code Docs man FILE} writes ebpfmon(8), {@code Docs completion FILE} the bash completion
 * (picocli's). Run by {@code make package}; never part of the agent's own command line.
 */
public final class Docs {
    private Docs() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: Docs man|completion OUTPUT");
            System.exit(2);
        }
        String text = switch (args[0]) {
            case "man" -> new ManPage(commandLine()).render();
            case "completion" -> AutoComplete.bash("ebpfmon", commandLine());
            default -> {
                System.err.println("Docs: unknown output '" + args[0] + "' (man or completion)");
                System.exit(2);
                yield "";
            }
        };
        Path out = Path.of(args[1]);
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, text, StandardCharsets.UTF_8);
    }

    static CommandLine commandLine() {
        return new CommandLine(new EbpfmonCommand());
    }
}
