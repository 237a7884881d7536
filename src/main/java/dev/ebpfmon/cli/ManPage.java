package dev.ebpfmon.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * ebpfmon(8) in troff, generated from the picocli command definitions at build time, so that the
 * page says what the binary accepts: every command, option, default and candidate list comes from
 * the {@code @Command} and {@code @Option} annotations. Only what no annotation carries (files,
 * environment, exit status) is written here.
 */
final class ManPage {
    private final CommandSpec root;

    ManPage(CommandLine commandLine) {
        this.root = commandLine.getCommandSpec();
    }

    String render() {
        StringBuilder out = new StringBuilder();
        String version = String.join(" ", root.version());
        out.append(".TH EBPFMON 8 \"\" \"").append(escape(version)).append("\" \"System Administration\"\n");
        section(out, "NAME");
        out.append("ebpfmon \\- ").append(escape(first(root.usageMessage().description()))).append('\n');
        section(out, "SYNOPSIS");
        synopsis(out, root, "ebpfmon");
        for (CommandLine sub : visibleSubcommands()) {
            out.append(".br\n");
            synopsis(out, sub.getCommandSpec(), "ebpfmon " + sub.getCommandName());
        }
        section(out, "DESCRIPTION");
        paragraph(out, "Without a command, ebpfmon is the standalone agent: it runs every enabled eBPF module and "
                + "serves a dashboard, Prometheus/OpenMetrics metrics at /metrics and a JSON API under /api/v1/, "
                + "from an in-memory history. The commands below check the kernel, run ebpfmon as Netdata's "
                + "ebpf.plugin, or show a live table in the terminal.");
        section(out, "OPTIONS");
        options(out, root);
        section(out, "COMMANDS");
        for (CommandLine sub : visibleSubcommands()) {
            CommandSpec spec = sub.getCommandSpec();
            out.append(".SS \"").append(escape(sub.getCommandName())).append("\"\n");
            for (String line : spec.usageMessage().description()) {
                paragraph(out, line);
            }
            for (PositionalParamSpec p : spec.positionalParameters()) {
                if (!p.hidden()) {
                    out.append(".TP\n\\fI").append(escape(p.paramLabel())).append("\\fR\n")
                            .append(escape(description(p.description(), p.defaultValue(), null))).append('\n');
                }
            }
            options(out, spec);
        }
        section(out, "FILES");
        item(out, "/etc/ebpfmon/ebpf.d.conf, /etc/ebpfmon/ebpf.d/*.conf",
                "Netdata's ebpf.plugin configuration format: [global] settings and [ebpf programs] switches; "
                        + "one file per module overrides [global] for that module. Read by the packaged agent.");
        item(out, "/etc/ebpfmon/apps_groups.conf", "Netdata's application groups for the per-application charts.");
        item(out, "/var/lib/ebpfmon/api-token",
                "Bearer token (mode 0600) that run-time changes through the JSON API need.");
        item(out, "/etc/netdata, /usr/lib/netdata/conf.d",
                "Netdata's configuration, read instead when ebpfmon runs as Netdata's plugin.");
        section(out, "ENVIRONMENT");
        item(out, "EBPFMON_CONFIG_DIR", "Directory read instead of Netdata's; the package's launcher and "
                + "systemd unit set /etc/ebpfmon. --config-dir wins over it.");
        item(out, "EBPFMON_LOG", "error, warning, info (default) or debug: how much is logged to stderr.");
        item(out, "NETDATA_USER_CONFIG_DIR, NETDATA_STOCK_CONFIG_DIR",
                "Netdata's configuration directories, as Netdata passes them to its plugins.");
        section(out, "EXIT STATUS");
        item(out, "0", "Success.");
        item(out, "2", "Invalid command line.");
        item(out, String.valueOf(ExitCodes.NO_PRIVILEGE), "Missing privileges or libbpf; one line on stderr says which.");
        item(out, String.valueOf(ExitCodes.NOTHING_RUNS), "No module can run on this kernel.");
        item(out, String.valueOf(ExitCodes.STRICT_FAILED), "check --strict found an enabled module that cannot run.");
        item(out, String.valueOf(ExitCodes.PORT_IN_USE), "The listen address is in use.");
        item(out, String.valueOf(ExitCodes.BAD_TOKEN_FILE), "The API token file cannot be read or created.");
        section(out, "SEE ALSO");
        out.append("\\fBsystemctl\\fR(1), \\fBjournalctl\\fR(1), \\fBnetdata\\fR(8)\n");
        return out.toString();
    }

    private List<CommandLine> visibleSubcommands() {
        List<CommandLine> subs = new ArrayList<>();
        for (CommandLine sub : root.subcommands().values()) {
            if (!sub.getCommandSpec().usageMessage().hidden() && !subs.contains(sub)) {
                subs.add(sub);
            }
        }
        return subs;
    }

    private static void synopsis(StringBuilder out, CommandSpec spec, String command) {
        out.append("\\fB").append(escape(command)).append("\\fR");
        for (OptionSpec o : visibleOptions(spec)) {
            out.append(" [\\fB").append(escape(o.longestName())).append("\\fR");
            if (o.arity().max() > 0) {
                out.append(" \\fI").append(escape(label(o))).append("\\fR");
            }
            out.append(']');
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (!p.hidden()) {
                out.append(" [\\fI").append(escape(p.paramLabel())).append("\\fR]");
            }
        }
        out.append('\n');
    }

    private static void options(StringBuilder out, CommandSpec spec) {
        for (OptionSpec o : visibleOptions(spec)) {
            out.append(".TP\n");
            List<String> names = new ArrayList<>();
            for (String n : o.names()) {
                String shown = "\\fB" + escape(n) + "\\fR";
                if (o.arity().max() > 0) {
                    shown += " \\fI" + escape(label(o)) + "\\fR";
                }
                names.add(shown);
            }
            out.append(String.join(", ", names)).append('\n');
            out.append(escape(description(o.description(), o.defaultValue(), o.completionCandidates()))).append('\n');
        }
        out.append(".TP\n\\fB-h\\fR, \\fB--help\\fR\nShow the help of this command and exit.\n");
        if (spec.parent() == null) {
            out.append(".TP\n\\fB-V\\fR, \\fB--version\\fR\nPrint the version and exit.\n");
        }
    }

    /** Options a user may give, without the standard help and version options. */
    private static List<OptionSpec> visibleOptions(CommandSpec spec) {
        return spec.options().stream().filter(o -> !o.hidden() && !o.usageHelp() && !o.versionHelp()).toList();
    }

    /** A label from the option's name when picocli would show its field name ({@code <listen>}). */
    private static String label(OptionSpec o) {
        String label = o.paramLabel();
        if (label.startsWith("<")) {
            label = o.longestName().replaceFirst("^-+", "").toUpperCase(Locale.ROOT).replace('-', '_');
        }
        return label;
    }

    /** picocli's help variables, expanded as its usage help would. */
    static String description(String[] lines, String defaultValue, Iterable<String> candidates) {
        String text = String.join(" ", lines);
        if (defaultValue != null) {
            text = text.replace("${DEFAULT-VALUE}", defaultValue);
        }
        if (candidates != null) {
            List<String> all = new ArrayList<>();
            candidates.forEach(all::add);
            text = text.replace("${COMPLETION-CANDIDATES}", String.join(", ", all));
        }
        return text;
    }

    private static void section(StringBuilder out, String name) {
        out.append(".SH ").append(name).append('\n');
    }

    private static void paragraph(StringBuilder out, String text) {
        out.append(".PP\n").append(escape(text)).append('\n');
    }

    private static void item(StringBuilder out, String tag, String text) {
        out.append(".TP\n\\fB").append(escape(tag)).append("\\fR\n").append(escape(text)).append('\n');
    }

    private static String first(String[] lines) {
        return lines.length == 0 ? "" : lines[0];
    }

    /**
     * Text safe in a troff line: backslashes doubled, hyphens as \- (lintian wants them marked), a
     * leading dot or quote guarded so it is not read as a request.
     */
    static String escape(String text) {
        String s = text.replace("\\", "\\e").replace("-", "\\-");
        if (s.startsWith(".") || s.startsWith("'")) {
            s = "\\&" + s;
        }
        return s;
    }
}
