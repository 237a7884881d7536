package dev.ebpfmon.apps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.config.ConfigDirs;
import dev.ebpfmon.config.ConfigProblem;
import dev.ebpfmon.config.ConfigProblem.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppsGroupsTest {

    static final Path FILE = Path.of("/etc/netdata/apps_groups.conf");

    static AppsGroups parse(String... lines) {
        return AppsGroups.parse(FILE, List.of(lines));
    }

    static ProcessInfo proc(String comm, String cmdline) {
        return new ProcessInfo(100, 1, comm, cmdline, 0, 0, "/", 1);
    }

    static String groupOf(AppsGroups g, String comm, String cmdline) {
        return g.match(proc(comm, cmdline)).map(AppGroup::name).orElse("-");
    }

    @Test
    void patternKindsFollowNetdata() {
        AppsGroups g = parse("exact: nginx", "prefix: php-fpm*", "suffix: *sqld", "cmd: *kafka.Kafka*",
                "inner: pg_*_worker");
        assertThat(groupOf(g, "nginx", "")).isEqualTo("exact");
        assertThat(groupOf(g, "nginx2", "")).isEqualTo("-");
        assertThat(groupOf(g, "php-fpm8.2", "")).isEqualTo("prefix");
        assertThat(groupOf(g, "mysqld", "")).isEqualTo("suffix");
        assertThat(groupOf(g, "mysqldx", "")).isEqualTo("-");
        // only the command line is searched for *name*, never for the other kinds
        assertThat(groupOf(g, "java", "java -cp k.jar kafka.Kafka server.properties")).isEqualTo("cmd");
        assertThat(groupOf(g, "java", "/opt/nginx/bin/thing")).isEqualTo("-");
        assertThat(groupOf(g, "pg_io_worker", "")).isEqualTo("inner");
        assertThat(groupOf(g, "pg_io_workerx", "")).isEqualTo("-");
        // case matters, as in ebpf.plugin
        assertThat(groupOf(g, "NGINX", "")).isEqualTo("-");
    }

    @Test
    void substringPatternsFallBackToTheCommWithoutACommandLine() {
        AppsGroups g = parse("kernel: *kworker*");
        assertThat(groupOf(g, "kworker/0:1", "")).isEqualTo("kernel");
    }

    @Test
    void firstMatchingPatternWinsAndDuplicatesWarn() {
        AppsGroups g = parse("web: nginx", "proxy: nginx haproxy");
        assertThat(groupOf(g, "nginx", "")).isEqualTo("web");
        assertThat(groupOf(g, "haproxy", "")).isEqualTo("proxy");
        assertThat(g.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Severity.WARNING);
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.message()).contains("'nginx' is already in group 'web' (line 1)");
        });
    }

    @Test
    void aGroupOnSeveralLinesIsOneGroupInFirstSeenOrder() {
        AppsGroups g = parse("db: postgres", "web: nginx", "db: mysqld");
        assertThat(g.groups()).extracting(AppGroup::name).containsExactly("db", "web", "other");
        assertThat(groupOf(g, "mysqld", "")).isEqualTo("db");
        assertThat(g.match(proc("mysqld", ""))).isEqualTo(g.match(proc("postgres", "")));
    }

    @Test
    void leadingDashHidesTheGroup() {
        AppsGroups g = parse("-noise: chatty", "quiet: -hush", "shown: a", "shown: -b");
        assertThat(g.groups()).extracting(AppGroup::name, AppGroup::hidden).containsExactly(
                org.assertj.core.groups.Tuple.tuple("noise", true), org.assertj.core.groups.Tuple.tuple("quiet", true),
                org.assertj.core.groups.Tuple.tuple("shown", false), org.assertj.core.groups.Tuple.tuple("other", false));
        assertThat(groupOf(g, "chatty", "")).isEqualTo("noise");
        assertThat(groupOf(g, "hush", "")).isEqualTo("quiet");
        assertThat(groupOf(g, "b", "")).isEqualTo("shown");
    }

    @Test
    void commentsQuotesAndColonsAreNetdatas() {
        AppsGroups g = parse("# a comment", "   ", "plex: 'Plex Media Serv' \"*--role worker*\" # trailing comment",
                "two:a:b");
        assertThat(groupOf(g, "Plex Media Serv", "")).isEqualTo("plex");
        assertThat(groupOf(g, "python3", "python3 app.py --role worker")).isEqualTo("plex");
        assertThat(groupOf(g, "trailing", "")).isEqualTo("-");
        assertThat(groupOf(g, "b", "")).isEqualTo("two");
        assertThat(g.problems()).isEmpty();
    }

    @Test
    void malformedLinesAreReportedWithFileAndLineAndSkipped() {
        AppsGroups g = parse("good: one", "no colon here", ": orphan", "bad: * two", "open: 'unclosed",
                "-: x", "two words: y", "empty:", "long: averyveryverylong/name");
        List<ConfigProblem> p = g.problems();
        assertThat(p).extracting(ConfigProblem::line).containsExactly(2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(p).allSatisfy(x -> assertThat(x.file()).isEqualTo(FILE));
        assertThat(p.get(0).toString()).startsWith("/etc/netdata/apps_groups.conf:2: ").contains("no ':'");
        assertThat(p.get(1).message()).contains("empty group name");
        assertThat(p.get(2).message()).contains("'*' has nothing to match");
        assertThat(p.get(3).message()).contains("unterminated quote");
        assertThat(p.get(7).severity()).isEqualTo(Severity.WARNING);
        assertThat(p.get(7).message()).contains("can never match").contains("*averyveryverylong/name*");
        // the rest of the file loaded, including the good word of a line with a bad one
        assertThat(groupOf(g, "one", "")).isEqualTo("good");
        assertThat(groupOf(g, "two", "")).isEqualTo("bad");
        assertThat(groupOf(g, "orphan", "")).isEqualTo("-");
        assertThat(g.groups()).extracting(AppGroup::name).doesNotContain("empty", "no", "two words");
    }

    @Test
    void namesLongerThanTheCommMatchWhatTheCommandLineSpellsOut() {
        AppsGroups g = parse("journal: systemd-journald", "nd: networkd-dispatcher", "ch: clickhouse-server*",
                "sfx: *-media-server-daemon", "short: sshd");
        // the kernel keeps 15 characters; the rest of the name comes from the command line
        assertThat(groupOf(g, "systemd-journal", "/lib/systemd/systemd-journald")).isEqualTo("journal");
        assertThat(groupOf(g, "networkd-dispat", "/usr/bin/python3 /usr/bin/networkd-dispatcher --run-startup-triggers"))
                .isEqualTo("nd");
        assertThat(groupOf(g, "clickhouse-serv", "/usr/bin/clickhouse-server --config=/etc/ch/config.xml"))
                .isEqualTo("ch");
        assertThat(groupOf(g, "my-media-server", "./my-media-server-daemon:worker")).isEqualTo("sfx");
        // a comm shorter than 15 characters is complete: the command line is not consulted
        assertThat(groupOf(g, "sshd", "sshd: root@pts/0")).isEqualTo("short");
        assertThat(groupOf(g, "systemd", "/lib/systemd/systemd-journald")).isEqualTo("-");
        // a cut comm whose command line names something longer is not that longer name
        assertThat(groupOf(g, "systemd-journal", "/lib/systemd/systemd-journaldx")).isEqualTo("-");
        assertThat(groupOf(g, "systemd-journal", "")).isEqualTo("-");
        assertThat(g.problems()).isEmpty();
    }

    @Test
    void untruncatedCommStopsWhereNetdataStops() {
        assertThat(proc("systemd-journal", "/lib/systemd/systemd-journald --x").untruncatedComm())
                .isEqualTo("systemd-journald");
        assertThat(proc("clickhouse-serv", "clickhouse-server:main").untruncatedComm()).isEqualTo("clickhouse-server");
        assertThat(proc("some-daemon-nam", "\"some-daemon-name\" x").untruncatedComm()).isEqualTo("some-daemon-name");
        assertThat(proc("kworker/0:1H-ev", "").untruncatedComm()).isEqualTo("kworker/0:1H-ev");
        assertThat(proc("exactly-fifteen", "/bin/exactly-fifteen").untruncatedComm()).isEqualTo("exactly-fifteen");
    }

    @Test
    void onlyNamesThatNoCommandLineCanCompleteAreReported() {
        AppsGroups g = parse("a: quite-a-long-daemon-name", "b: 'Plex Media Server'", "c: seventeen-chars/x",
                "d: fifteen-chars:x", "e: *a-very-long-name-with/slash*", "f: long-name-with*-inner-star/x");
        assertThat(g.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.severity()).isEqualTo(Severity.WARNING);
            assertThat(p.message()).contains("'seventeen-chars/x' can never match").contains("*seventeen-chars/x*");
        });
    }

    @Test
    void netdatasStockFileLoadsWithoutWarnings() throws Exception {
        Path stock = Path.of("/usr/lib/netdata/conf.d/apps_groups.conf");
        assertThat(stock).as("Netdata's stock apps_groups.conf (make setup installs Debian's netdata)").isRegularFile();
        AppsGroups g = AppsGroups.parse(stock, Files.readAllLines(stock));
        assertThat(g.problems()).isEmpty();
        assertThat(g.groups().size()).isGreaterThan(50);
    }

    @Test
    void otherCanBeGivenPatterns() {
        AppsGroups g = parse("other: misc", "web: nginx");
        assertThat(g.groups()).extracting(AppGroup::name).containsExactly("other", "web");
        assertThat(g.match(proc("misc", ""))).contains(g.other());
    }

    @Test
    void managersAndInterpretersLinesAreNotGroups() {
        AppsGroups g = parse("managers: tini supervisord*", "interpreters: python3", "managers: clear",
                "managers: runsv");
        assertThat(g.groups()).extracting(AppGroup::name).containsExactly("other");
        assertThat(g.isManager(proc("runsv", ""))).isTrue();
        assertThat(g.isManager(proc("tini", ""))).isFalse();
        assertThat(g.problems()).isEmpty();
    }

    @Test
    void theShippedFileLoadsCleanly() {
        AppsGroups g = AppsGroups.shipped();
        assertThat(g.problems()).isEmpty();
        assertThat(g.source()).isEmpty();
        assertThat(groupOf(g, "sshd", "")).isEqualTo("ssh");
        assertThat(groupOf(g, "java", "java -jar /opt/ebpfmon/ebpfmon.jar")).isEqualTo("ebpfmon");
        assertThat(groupOf(g, "java", "java -jar app.jar")).isEqualTo("java");
        assertThat(groupOf(g, "kworker/1:2", "")).isEqualTo("kernel");
        assertThat(groupOf(g, "postgres", "postgres: checkpointer")).isEqualTo("postgres");
        assertThat(g.isManager(proc("systemd", "/usr/lib/systemd/systemd --user"))).isTrue();
    }

    @Test
    void loadPrefersTheConfigDirectory(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("apps_groups.conf"), "mine: thing\nbroken\n");
        AppsGroups g = AppsGroups.load(new ConfigDirs(List.of(dir), List.of()));
        assertThat(g.source()).contains(dir.resolve("apps_groups.conf"));
        assertThat(g.groups()).extracting(AppGroup::name).containsExactly("mine", "other");
        assertThat(g.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(dir.resolve("apps_groups.conf"));
            assertThat(p.line()).isEqualTo(2);
        });
        AppsGroups fallback = AppsGroups.load(new ConfigDirs(List.of(dir.resolve("none")), List.of()));
        assertThat(fallback.source()).isEmpty();
        assertThat(fallback.groups()).extracting(AppGroup::name).contains("ssh", "kernel", "other");
    }

    @Test
    void anUnreadableFileFallsBackToTheShippedGroupsWithAnError(@TempDir Path dir) throws Exception {
        Files.createDirectory(dir.resolve("apps_groups.conf")); // exists but cannot be read as a file
        AppsGroups g = AppsGroups.load(new ConfigDirs(List.of(dir), List.of()));
        assertThat(g.source()).isEqualTo(Optional.empty());
        assertThat(g.problems().getFirst().severity()).isEqualTo(Severity.ERROR);
        assertThat(g.problems().getFirst().file()).isEqualTo(dir.resolve("apps_groups.conf"));
        assertThat(g.groups()).extracting(AppGroup::name).contains("ssh");
    }
}
