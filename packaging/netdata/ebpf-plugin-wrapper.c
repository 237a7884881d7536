/*
 * ebpf.plugin for Netdata: starts ebpfmon's JVM in `netdata` mode with root privileges.
 *
 * Netdata runs its plugins as the unprivileged user `netdata`; loading BPF programs needs root
 * (CAP_SYS_ADMIN, or CAP_BPF + CAP_PERFMON + CAP_SYS_RESOURCE). Netdata's own ebpf.plugin solves
 * this by being setuid root, mode 4750, group netdata, and so does this wrapper: only root and
 * members of group netdata can execute it. A script cannot be setuid, and making the `java`
 * binary itself privileged would hand root to every Java program, hence this small C program.
 *
 * Why it is safe to be setuid root:
 *  - Nothing the caller controls chooses what runs. The java binary, the jar and the JVM options
 *    are fixed at compile time (EBPFMON_JAVA, EBPFMON_JAR); the wrapper refuses to run them when
 *    they are not owned by root or are writable by group or others, since whoever may replace them
 *    would own root.
 *  - The environment is rebuilt from scratch: a fixed PATH, JAVA_HOME and LANG, plus the
 *    NETDATA_* variables that tell the plugin where Netdata's configuration lives. Everything a
 *    JVM or the dynamic loader would obey (JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS, _JAVA_OPTIONS,
 *    LD_PRELOAD, CLASSPATH, ...) is gone. NETDATA_* directories only steer which ebpf.d.conf is
 *    read; the worst such a file can do is choose which eBPF collectors run.
 *  - The command line is not passed through: the one argument accepted is Netdata's update
 *    interval (digits only), so the privileged JVM can only ever run `ebpfmon netdata N`.
 *  - The real uid stays `netdata`, as with Netdata's own plugin: Netdata can still signal the
 *    plugin (SIGTERM when it stops), while the kernel marks the process non-dumpable so that
 *    `netdata` cannot ptrace it. The JVM's attach listener and perf-data file are switched off so
 *    no local socket or /tmp file offers a way in.
 *  - The working directory is `/` and the umask 022, so nothing lands in a caller's directory.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef EBPFMON_JAVA
#error "compile with -DEBPFMON_JAVA=\"/path/to/bin/java\""
#endif
#ifndef EBPFMON_JAVA_HOME
#error "compile with -DEBPFMON_JAVA_HOME=\"/path/to/jdk\""
#endif
#ifndef EBPFMON_JAR
#error "compile with -DEBPFMON_JAR=\"/path/to/ebpfmon.jar\""
#endif

#define MAX_ENV 64

extern char **environ;

/* Tells Netdata not to restart us: an error that a restart cannot fix. */
static int give_up(const char *why, const char *what) {
    fprintf(stderr, "ebpf.plugin (ebpfmon): %s%s%s\n", why, what ? ": " : "", what ? what : "");
    fputs("DISABLE\n", stdout);
    fflush(stdout);
    return 1;
}

/* Only root may be able to change what we execute as root. */
static const char *untrusted(const char *path) {
    struct stat st;
    if (stat(path, &st) != 0) {
        return strerror(errno);
    }
    if (st.st_uid != 0) {
        return "not owned by root";
    }
    if (st.st_mode & (S_IWGRP | S_IWOTH)) {
        return "writable by group or others";
    }
    return NULL;
}

static int all_digits(const char *s) {
    size_t n = strlen(s);
    if (n == 0 || n > 5) {
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return 0;
        }
    }
    return 1;
}

int main(int argc, char **argv) {
    const char *every = "1";
    if (argc > 2) {
        return give_up("takes one argument, the update interval in seconds; extra options are not accepted",
                argv[2]);
    }
    if (argc == 2) {
        if (!all_digits(argv[1])) {
            return give_up("the update interval must be a number of seconds", argv[1]);
        }
        every = argv[1];
    }

    const char *problem;
    if ((problem = untrusted(EBPFMON_JAVA)) != NULL) {
        return give_up(EBPFMON_JAVA, problem);
    }
    if ((problem = untrusted(EBPFMON_JAR)) != NULL) {
        return give_up(EBPFMON_JAR, problem);
    }

    char *env[MAX_ENV];
    int n = 0;
    env[n++] = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    env[n++] = "JAVA_HOME=" EBPFMON_JAVA_HOME;
    env[n++] = "LANG=C.UTF-8";
    for (char **e = environ; e && *e && n < MAX_ENV - 1; e++) {
        if (strncmp(*e, "NETDATA_", 8) == 0) {
            env[n++] = *e;
        }
    }
    env[n] = NULL;

    umask(022);
    if (chdir("/") != 0) {
        return give_up("cannot change to /", strerror(errno));
    }

    /* The JVM options mirror bin/ebpfmon's (serial GC, small stacks, quick start) plus the
     * hardening described above. */
    char *jvm[] = {
        EBPFMON_JAVA,
        "--enable-native-access=ALL-UNNAMED",
        "-XX:+UseSerialGC",
        "-XX:-ShrinkHeapInSteps",
        "-XX:MinHeapFreeRatio=20",
        "-XX:MaxHeapFreeRatio=40",
        "-Xms32m",
        "-Xmn8m",
        "-Xss512k",
        "-XX:TieredStopAtLevel=1",
        "-XX:CompileThresholdScaling=0.1",
        "-XX:TrimNativeHeapInterval=30000",
        "-Xshare:auto",
        "-XX:+UnlockDiagnosticVMOptions",
        "-XX:AsyncDeflationInterval=10000",
        "-XX:GuaranteedSafepointInterval=10000",
        "-XX:ServiceThreadCleanupInterval=10000",
        "-XX:+DisableAttachMechanism",
        "-XX:-UsePerfData",
        "-jar", EBPFMON_JAR,
        "netdata", (char *)every,
        NULL,
    };
    execve(EBPFMON_JAVA, jvm, env);
    return give_up("cannot run " EBPFMON_JAVA, strerror(errno));
}
