package dev.ebpfmon.apps;

import dev.ebpfmon.config.ConfigDirs;
import dev.ebpfmon.config.ConfigProblem;
import dev.ebpfmon.config.ConfigProblem.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The application groups of an apps_groups.conf file (Netdata's format, as ebpf.plugin reads
 * it): which groups exist, in file order with {@code other} last unless the file names it, and
 * which pattern sends a process to which group. The first pattern that matches decides.
 */
public final class AppsGroups {

    static final String FILE_NAME = "apps_groups.conf";
    static final String SHIPPED = "/config/" + FILE_NAME;

    private final Path source;
    private final List<AppGroup> groups;
    private final List<AppsGroupsParser.Rule> rules;
    private final List<AppPattern> managers;
    private final List<ConfigProblem> problems;
    private final AppGroup other;

    AppsGroups(Path source, List<AppGroup> groups, List<AppsGroupsParser.Rule> rules, List<AppPattern> managers,
               List<ConfigProblem> problems) {
        this.source = source;
        this.groups = List.copyOf(groups);
        this.rules = List.copyOf(rules);
        this.managers = List.copyOf(managers);
        this.problems = List.copyOf(problems);
        this.other = groups.stream().filter(AppGroup::isOther).findFirst().orElseThrow();
    }

    /**
     * The first apps_groups.conf of the configuration directories, else the one shipped with
     * ebpfmon. An unreadable user file is a problem, and the shipped one is used instead.
     */
    public static AppsGroups load(ConfigDirs dirs) {
        Optional<Path> found = dirs.find(FILE_NAME);
        if (found.isPresent()) {
            Path file = found.get();
            try {
                return parse(file, Files.readAllLines(file, StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                AppsGroups shipped = shipped();
                List<ConfigProblem> problems = new ArrayList<>(shipped.problems);
                problems.addFirst(new ConfigProblem(Severity.ERROR, file, 0, null,
                        "cannot read (" + e.getMessage() + "); using ebpfmon's default groups"));
                return new AppsGroups(null, shipped.groups, shipped.rules, shipped.managers, problems);
            }
        }
        return shipped();
    }

    /** The default grouping in ebpfmon's jar. */
    public static AppsGroups shipped() {
        try (InputStream in = AppsGroups.class.getResourceAsStream(SHIPPED)) {
            if (in == null) {
                throw new IllegalStateException("ebpfmon is missing its resource " + SHIPPED);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return parse(null, text.lines().toList());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + SHIPPED, e);
        }
    }

    /** @param file named in problems, or null for text that is not from a file */
    public static AppsGroups parse(Path file, List<String> lines) {
        return AppsGroupsParser.parse(file, lines);
    }

    /** Every group, {@code other} included, in the order the file introduced them. */
    public List<AppGroup> groups() {
        return groups;
    }

    public AppGroup other() {
        return other;
    }

    /** The file read, or empty for the shipped default. */
    public Optional<Path> source() {
        return Optional.ofNullable(source);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    /** The group whose pattern matches this process itself, ignoring its ancestors. */
    public Optional<AppGroup> match(ProcessInfo p) {
        String untruncated = p.untruncatedComm();
        for (AppsGroupsParser.Rule r : rules) {
            if (r.pattern().matches(p, untruncated)) {
                return Optional.of(r.group());
            }
        }
        return Optional.empty();
    }

    /** A process manager's children are grouped on their own, never by inheriting its group. */
    public boolean isManager(ProcessInfo p) {
        String untruncated = p.untruncatedComm();
        for (AppPattern m : managers) {
            if (m.matches(p, untruncated)) {
                return true;
            }
        }
        return false;
    }
}
