package dev.ebpfmon.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.kernel.FacilityLine.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the inspector against a fake /proc and /sys built in a temporary directory. */
class KernelInspectorTest {

    private static final String ROOT_STATUS = "Name:\tjava\nUid:\t0\t0\t0\t0\nCapEff:\t000001fffeffffff\n";
    private static final String USER_STATUS = "Name:\tjava\nUid:\t1000\t1000\t1000\t1000\nCapEff:\t0000000000000000\n";

    @TempDir
    Path root;

    /** Records mount calls; "mounting" creates what the real filesystem would show. */
    private final List<String> mounts = new ArrayList<>();
    private Optional<String> mountFailure = Optional.empty();
    private final Mounter fakeMounter = (source, target, type) -> {
        mounts.add(source + " " + root.relativize(target) + " " + type);
        if (mountFailure.isPresent()) {
            return mountFailure;
        }
        try {
            if (type.equals("tracefs")) {
                Files.createDirectories(target.resolve("events"));
            } else if (type.equals("securityfs")) {
                Files.writeString(target.resolve("lockdown"), "[none] integrity confidentiality\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.empty();
    };

    private void file(String relative, String content) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    private void dir(String relative) throws IOException {
        Files.createDirectories(root.resolve(relative));
    }

    private KernelFacts facts() {
        return new KernelInspector(root, fakeMounter, Optional::empty).facts();
    }

    @BeforeEach
    void typicalMachine() throws IOException {
        file("proc/sys/kernel/osrelease", "6.18.44-fc-v669\n");
        file("proc/self/status", ROOT_STATUS);
        file("sys/kernel/btf/vmlinux", "");
        dir("sys/kernel/tracing/events");
        file("sys/kernel/security/lockdown", "none [integrity] confidentiality\n");
        file("proc/sys/kernel/bpf_stats_enabled", "0\n");
        file("proc/mounts", "sysfs /sys sysfs rw 0 0\ndebugfs /sys/kernel/debug debugfs rw 0 0\n");
        dir("sys/bus/event_source/devices/kprobe");
        dir("sys/bus/event_source/devices/uprobe");
    }

    private static FacilityLine facility(KernelFacts f, String name) {
        return f.facilities().stream().filter(l -> l.facility().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void readsBasicFacts() {
        KernelFacts f = facts();
        assertThat(f.release()).isEqualTo("6.18.44-fc-v669");
        assertThat(f.version()).contains(new KernelVersion(6, 18, 44));
        assertThat(f.btf()).isTrue();
        assertThat(f.tracefs()).isEqualTo(Tracefs.at(root.resolve("sys/kernel/tracing"), false));
        assertThat(f.lockdown()).isEqualTo("integrity");
        assertThat(f.securityfsMountedByUs()).isFalse();
        assertThat(f.selinux()).isEqualTo("not present");
        assertThat(f.privileges().root()).isTrue();
        assertThat(f.bpfStatsEnabled()).contains(false);
        assertThat(f.missingPrivilege()).isEmpty();
        assertThat(f.missingLibbpf()).isEmpty();
        assertThat(mounts).isEmpty();
    }

    @Test
    void debianStyleRelease() throws IOException {
        file("proc/sys/kernel/osrelease", "5.10.0-28-amd64\n");
        assertThat(facts().version()).contains(new KernelVersion(5, 10, 0));
    }

    @Test
    void missingFilesGiveConservativeAnswers() throws IOException {
        Files.delete(root.resolve("proc/sys/kernel/osrelease"));
        Files.delete(root.resolve("sys/kernel/btf/vmlinux"));
        Files.delete(root.resolve("proc/sys/kernel/bpf_stats_enabled"));
        KernelFacts f = facts();
        assertThat(f.release()).isEqualTo("unknown");
        assertThat(f.version()).isEmpty();
        assertThat(f.btf()).isFalse();
        assertThat(f.bpfStatsEnabled()).isEmpty();
    }

    @Test
    void selinuxModes() throws IOException {
        file("sys/fs/selinux/enforce", "1");
        assertThat(facts().selinux()).isEqualTo("enforcing");
        file("sys/fs/selinux/enforce", "0");
        assertThat(facts().selinux()).isEqualTo("permissive");
    }

    @Test
    void legacyDebugfsTracingIsAccepted() throws IOException {
        Files.delete(root.resolve("sys/kernel/tracing/events"));
        dir("sys/kernel/debug/tracing/events");
        KernelFacts f = facts();
        assertThat(f.tracefs().dir()).contains(root.resolve("sys/kernel/debug/tracing"));
        assertThat(mounts).isEmpty();
    }

    @Test
    void emptyTracefsIsMountedWhenRoot() throws IOException {
        Files.delete(root.resolve("sys/kernel/tracing/events"));
        KernelFacts f = facts();
        assertThat(mounts).containsExactly("nodev sys/kernel/tracing tracefs");
        assertThat(f.tracefs()).isEqualTo(Tracefs.at(root.resolve("sys/kernel/tracing"), true));
        assertThat(facility(f, "tracefs").detail()).endsWith("(mounted by ebpfmon)");
    }

    @Test
    void failedTracefsMountReportsTheReason() throws IOException {
        Files.delete(root.resolve("sys/kernel/tracing/events"));
        mountFailure = Optional.of("Operation not permitted (errno 1)");
        KernelFacts f = facts();
        assertThat(f.tracefs().usable()).isFalse();
        assertThat(f.tracefs().failure().orElseThrow()).contains("Operation not permitted (errno 1)");
        assertThat(facility(f, "tracefs").status()).isEqualTo(Status.PROBLEM);
    }

    @Test
    void nonRootDoesNotTryToMount() throws IOException {
        Files.delete(root.resolve("sys/kernel/tracing/events"));
        Files.delete(root.resolve("sys/kernel/security/lockdown"));
        file("proc/self/status", USER_STATUS);
        KernelFacts f = facts();
        assertThat(mounts).isEmpty();
        assertThat(f.tracefs().failure().orElseThrow()).contains("only root can mount");
        assertThat(f.lockdown()).isEqualTo("unknown (securityfs not mounted)");
    }

    @Test
    void alreadyMountedButEmptyTracefsIsNotMountedTwice() throws IOException {
        Files.delete(root.resolve("sys/kernel/tracing/events"));
        file("proc/mounts", "tracefs /sys/kernel/tracing tracefs rw 0 0\n");
        KernelFacts f = facts();
        assertThat(mounts).isEmpty();
        assertThat(f.tracefs().failure().orElseThrow()).contains("no events/");
    }

    @Test
    void missingTracingDirectory() throws IOException {
        Files.delete(root.resolve("sys/kernel/tracing/events"));
        Files.delete(root.resolve("sys/kernel/tracing"));
        assertThat(facts().tracefs().failure().orElseThrow()).contains("does not exist");
        assertThat(mounts).isEmpty();
    }

    @Test
    void securityfsIsMountedWhenRootToReadLockdown() throws IOException {
        Files.delete(root.resolve("sys/kernel/security/lockdown"));
        KernelFacts f = facts();
        assertThat(mounts).containsExactly("securityfs sys/kernel/security securityfs");
        assertThat(f.lockdown()).isEqualTo("none");
        assertThat(f.securityfsMountedByUs()).isTrue();
    }

    @Test
    void failedSecurityfsMountLeavesLockdownUnknown() throws IOException {
        Files.delete(root.resolve("sys/kernel/security/lockdown"));
        mountFailure = Optional.of("No such device (errno 19)");
        KernelFacts f = facts();
        assertThat(f.lockdown()).startsWith("unknown (securityfs not mounted").contains("No such device");
        assertThat(facility(f, "lockdown").status()).isEqualTo(Status.WARNING);
    }

    @Test
    void mountedSecurityfsWithoutLockdownFile() throws IOException {
        Files.delete(root.resolve("sys/kernel/security/lockdown"));
        file("proc/mounts", "securityfs /sys/kernel/security securityfs rw 0 0\n");
        KernelFacts f = facts();
        assertThat(mounts).isEmpty();
        assertThat(f.lockdown()).startsWith("not present");
    }

    @Test
    void confidentialityLockdownIsAProblem() throws IOException {
        file("sys/kernel/security/lockdown", "none integrity [confidentiality]\n");
        KernelFacts f = facts();
        assertThat(f.lockdownConfidentiality()).isTrue();
        assertThat(facility(f, "lockdown").status()).isEqualTo(Status.PROBLEM);
        assertThat(facility(f, "lockdown").detail()).contains("refuses kprobes", "bpf_probe_read",
                "fentry/fexit, tp_btf and raw_tp still attach");
    }

    @Test
    void tracefsHiddenByLockdownSaysSo() throws IOException {
        file("sys/kernel/security/lockdown", "none integrity [confidentiality]\n");
        Files.delete(root.resolve("sys/kernel/tracing/events"));
        file("proc/mounts", "tracefs /sys/kernel/tracing tracefs rw 0 0\n");
        assertThat(facility(facts(), "tracefs").detail())
                .isEqualTo("tracefs is mounted on /sys/kernel/tracing but has no events/ directory "
                        + "(lockdown=confidentiality hides it); tracepoints and kprobes cannot be attached");
    }

    @Test
    void factsAreMemoised() throws IOException {
        Files.delete(root.resolve("sys/kernel/tracing/events"));
        KernelInspector inspector = new KernelInspector(root, fakeMounter, Optional::empty);
        KernelFacts first = inspector.facts();
        file("proc/sys/kernel/osrelease", "7.0.0\n");
        assertThat(inspector.facts()).isSameAs(first);
        assertThat(mounts).hasSize(1);
    }

    @Test
    void forRootNeverMounts() throws IOException {
        Files.delete(root.resolve("sys/kernel/tracing/events"));
        KernelFacts f = KernelInspector.forRoot(root).facts();
        assertThat(f.tracefs().failure().orElseThrow()).contains("mounting is disabled");
        assertThat(root.resolve("sys/kernel/tracing/events")).doesNotExist();
    }

    @Test
    void libbpfProblemIsPassedThrough() {
        KernelFacts f = new KernelInspector(root, fakeMounter, () -> Optional.of("install libbpf1")).facts();
        assertThat(f.missingLibbpf()).contains("install libbpf1");
        assertThat(f.facilities()).filteredOn(l -> l.facility().equals("libbpf"))
                .singleElement().satisfies(l -> assertThat(l.status()).isEqualTo(Status.PROBLEM));
    }

    @Test
    void facilitiesCoverEveryFacilityInOrder() throws IOException {
        file("proc/sys/kernel/bpf_stats_enabled", "1\n");
        List<FacilityLine> lines = facts().facilities();
        assertThat(lines).extracting(FacilityLine::facility).containsExactly(
                "kernel", "BTF", "tracefs", "debugfs", "bpf events", "lockdown", "SELinux", "privileges", "libbpf",
                "bpf_stats");
        assertThat(lines).extracting(FacilityLine::status).containsOnly(Status.OK);
        assertThat(lines.get(7).detail()).startsWith("root; ").contains("CAP_SYS_ADMIN", "CAP_BPF");
        assertThat(lines.getFirst()).hasToString("kernel      OK       6.18.44-fc-v669");
    }

    @Test
    void oldKernelAndMissingBtfAreFlagged() throws IOException {
        file("proc/sys/kernel/osrelease", "4.9.0-8-amd64\n");
        Files.delete(root.resolve("sys/kernel/btf/vmlinux"));
        List<FacilityLine> lines = facts().facilities();
        assertThat(lines.get(0).status()).isEqualTo(Status.PROBLEM);
        assertThat(lines.get(1).status()).isEqualTo(Status.WARNING);
    }

    @Test
    void missingBtfSaysWhatToInstall() throws IOException {
        Files.delete(root.resolve("sys/kernel/btf/vmlinux"));
        assertThat(facility(facts(), "BTF").detail()).contains("CONFIG_DEBUG_INFO_BTF", "install a kernel with BTF");
    }

    @Test
    void debugfsNotMountedIsSaid() throws IOException {
        file("proc/mounts", "sysfs /sys sysfs rw 0 0\n");
        KernelFacts f = facts();
        assertThat(f.debugfs()).isFalse();
        assertThat(facility(f, "debugfs").status()).isEqualTo(Status.WARNING);
        assertThat(facility(f, "debugfs").detail()).contains("mount -t debugfs");
        assertThat(mounts).as("debugfs is reported, not mounted").isEmpty();
    }

    @Test
    void kernelWithoutKprobeEventsCanStillTrace() throws IOException {
        Files.delete(root.resolve("sys/bus/event_source/devices/kprobe"));
        KernelFacts f = facts();
        assertThat(f.probeEvents()).isEqualTo(new ProbeEvents(true, false, true));
        assertThat(facility(f, "bpf events").status()).isEqualTo(Status.WARNING);
        assertThat(facility(f, "bpf events").detail()).contains("CONFIG_KPROBE_EVENTS off");
    }

    @Test
    void kernelWithoutKprobeAndUprobeEventsCannotTraceAtAll() throws IOException {
        Files.delete(root.resolve("sys/bus/event_source/devices/kprobe"));
        Files.delete(root.resolve("sys/bus/event_source/devices/uprobe"));
        FacilityLine line = facility(facts(), "bpf events");
        assertThat(line.status()).isEqualTo(Status.PROBLEM);
        assertThat(line.detail()).contains("CONFIG_BPF_EVENTS", "not even to tracepoints");
    }

    @Test
    void olderKernelsShowProbeEventsInTracefs() throws IOException {
        Files.delete(root.resolve("sys/bus/event_source/devices/kprobe"));
        Files.delete(root.resolve("sys/bus/event_source/devices/uprobe"));
        file("sys/kernel/tracing/kprobe_events", "");
        assertThat(facts().probeEvents()).isEqualTo(new ProbeEvents(true, true, false));
    }

    @Test
    void probeEventsUnknownWithoutSysfsAndTracefs() throws IOException {
        Files.delete(root.resolve("sys/bus/event_source/devices/kprobe"));
        Files.delete(root.resolve("sys/bus/event_source/devices/uprobe"));
        Files.delete(root.resolve("sys/bus/event_source/devices"));
        Files.delete(root.resolve("sys/kernel/tracing/events"));
        KernelFacts f = KernelInspector.forRoot(root).facts();
        assertThat(f.probeEvents().known()).isFalse();
        assertThat(facility(f, "bpf events").detail()).startsWith("unknown");
    }
}
