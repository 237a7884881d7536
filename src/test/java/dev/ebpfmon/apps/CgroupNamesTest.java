package dev.ebpfmon.apps;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupNamesTest {

    static final String ID = "4f1c2d3e5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d";
    static final String ID2 = "aaaabbbbccccddddeeeeffff0000111122223333444455556666777788889999";

    @TempDir
    Path dir;
    Path cgroup;
    Path docker;
    Path podman;
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-01-01T00:00:00Z"));
    CgroupNames names;

    @BeforeEach
    void setUp() throws Exception {
        cgroup = Files.createDirectories(dir.resolve("cgroup"));
        docker = dir.resolve("docker");
        podman = dir.resolve("storage");
        Path passwd = dir.resolve("passwd");
        Files.writeString(passwd, "root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/zsh\n");
        names = new CgroupNames(cgroup, docker, podman, passwd, now::get);
    }

    CgroupName name(String path) {
        return names.name(path);
    }

    @Test
    void systemdServices() {
        assertThat(name("/system.slice/ssh.service")).isEqualTo(
                new CgroupName("/system.slice/ssh.service", "ssh", CgroupKind.SERVICE));
        assertThat(name("0::/system.slice/system-getty.slice/getty@tty1.service").name()).isEqualTo("getty@tty1");
        assertThat(name("system.slice/cron.service").isSystemdService()).isTrue();
        // a cgroup a service creates below itself is not a service
        CgroupName sub = name("/system.slice/foo.service/payload");
        assertThat(sub.kind()).isEqualTo(CgroupKind.OTHER);
        assertThat(sub.name()).isEqualTo("system.slice/foo.service/payload");
        assertThat(name("/system.slice").kind()).isEqualTo(CgroupKind.OTHER);
    }

    @Test
    void userSessions() {
        assertThat(name("/user.slice/user-1000.slice/session-3.scope"))
                .isEqualTo(new CgroupName("/user.slice/user-1000.slice/session-3.scope", "session-3@alice",
                        CgroupKind.SESSION));
        assertThat(name("/user.slice/user-1000.slice/user@1000.service").name()).isEqualTo("user@alice");
        assertThat(name("/user.slice/user-1000.slice/user@1000.service/app.slice/app-firefox-12.scope").name())
                .isEqualTo("app-firefox-12@alice");
        assertThat(name("/user.slice/user-1000.slice").name()).isEqualTo("alice");
        assertThat(name("/user.slice/user-4242.slice/session-c1.scope").name()).isEqualTo("session-c1@user-4242");
    }

    @Test
    void dockerContainersAreNamedFromTheirConfig() throws Exception {
        Path cfg = Files.createDirectories(docker.resolve("containers").resolve(ID)).resolve("config.v2.json");
        Files.writeString(cfg, "{\"State\":{\"Running\":true,\"Pid\":123},\"ID\":\"" + ID
                + "\",\"Config\":{\"Name\":\"nested\",\"Env\":[\"A=\\\"b\\u00e9\\\"\"]},\"Name\":\"/web\",\"X\":null}");
        assertThat(name("/system.slice/docker-" + ID + ".scope"))
                .isEqualTo(new CgroupName("/system.slice/docker-" + ID + ".scope", "web", CgroupKind.CONTAINER));
        assertThat(name("/docker/" + ID).name()).isEqualTo("web");
        // no config (removed, other data root): the short id
        assertThat(name("/system.slice/docker-" + ID2 + ".scope").name()).isEqualTo(ID2.substring(0, 12));
    }

    @Test
    void aBrokenDockerConfigFallsBackToTheId() throws Exception {
        Path cfg = Files.createDirectories(docker.resolve("containers").resolve(ID)).resolve("config.v2.json");
        Files.writeString(cfg, "{\"Name\": \"/half");
        assertThat(name("/docker/" + ID).name()).isEqualTo(ID.substring(0, 12));
    }

    @Test
    void podmanContainersAreNamedFromContainersStorage() throws Exception {
        Path list = Files.createDirectories(podman.resolve("overlay-containers")).resolve("containers.json");
        Files.writeString(list, "[{\"id\":\"" + ID2 + "\",\"names\":[\"other\"]},{\"id\":\"" + ID
                + "\",\"names\":[\"db\"],\"image\":\"x\",\"layer\":\"y\",\"metadata\":\"{}\",\"created\":\"2025\"}]");
        assertThat(name("/machine.slice/libpod-" + ID + ".scope"))
                .isEqualTo(new CgroupName("/machine.slice/libpod-" + ID + ".scope", "db", CgroupKind.CONTAINER));
        assertThat(name("/machine.slice/libpod-" + ID + ".scope/container").name()).isEqualTo("db/container");
        // rootless podman lives under the user's manager, and is still a container
        assertThat(name("/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-" + ID2 + ".scope"))
                .extracting(CgroupName::name, CgroupName::kind).containsExactly("other", CgroupKind.CONTAINER);
        // conmon is podman's monitor process, not the container
        assertThat(name("/machine.slice/libpod-conmon-" + ID + ".scope").kind()).isEqualTo(CgroupKind.OTHER);
    }

    @Test
    void containerdCriOAndLxcContainers() {
        assertThat(name("/system.slice/cri-containerd-" + ID + ".scope").name()).isEqualTo(ID.substring(0, 12));
        assertThat(name("/crio-" + ID + ".scope").kind()).isEqualTo(CgroupKind.CONTAINER);
        assertThat(name("/lxc.payload.web1")).extracting(CgroupName::name, CgroupName::kind)
                .containsExactly("web1", CgroupKind.CONTAINER);
    }

    @Test
    void kubernetesPodsAndTheirContainers() {
        String uid = "0a1b2c3d_4e5f_6789_abcd_ef0123456789";
        String pod = "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod" + uid + ".slice";
        assertThat(name(pod)).extracting(CgroupName::name, CgroupName::kind)
                .containsExactly("pod-0a1b2c3d4e5f", CgroupKind.POD);
        assertThat(name(pod + "/cri-containerd-" + ID + ".scope")).extracting(CgroupName::name, CgroupName::kind)
                .containsExactly("pod-0a1b2c3d4e5f-" + ID.substring(0, 12), CgroupKind.CONTAINER);
        // the cgroupfs driver: plain directories and bare ids
        assertThat(name("/kubepods/besteffort/pod0a1b2c3d-4e5f-6789-abcd-ef0123456789/" + ID).name())
                .isEqualTo("pod-0a1b2c3d4e5f-" + ID.substring(0, 12));
        assertThat(name("/kubepods.slice/kubepods-besteffort.slice")).extracting(CgroupName::name, CgroupName::kind)
                .containsExactly("kubepods.slice/kubepods-besteffort.slice", CgroupKind.OTHER);
    }

    @Test
    void everythingElseKeepsItsPath() {
        assertThat(name("/init.scope")).isEqualTo(new CgroupName("/init.scope", "init.scope", CgroupKind.OTHER));
        assertThat(name("/")).isEqualTo(new CgroupName("/", "/", CgroupKind.OTHER));
        assertThat(name("/machine.slice/machine-qemu\\x2d1.scope").name()).isEqualTo("machine.slice/machine-qemu\\x2d1.scope");
    }

    @Test
    void idsResolveToPathsAndNewCgroupsAreFoundByARescan() throws Exception {
        Path svc = Files.createDirectories(cgroup.resolve("system.slice/ssh.service"));
        Files.writeString(svc.resolve("cgroup.procs"), "1\n");
        assertThat(names.pathOf(ino(svc))).contains("/system.slice/ssh.service");
        assertThat(names.byId(ino(svc)).orElseThrow().name()).isEqualTo("ssh");
        assertThat(names.pathOf(ino(cgroup))).contains("/");

        // created after the first scan; within the rescan interval an unknown id stays unknown
        Path late = Files.createDirectories(cgroup.resolve("system.slice/late.service"));
        assertThat(names.pathOf(ino(late))).isEmpty();
        now.set(now.get().plus(Duration.ofSeconds(2)));
        assertThat(names.byId(ino(late)).orElseThrow().name()).isEqualTo("late");
        assertThat(names.pathOf(987654321L)).isEmpty();
    }

    @Test
    void findsTheV2MountOnHybridHosts() throws Exception {
        Files.createDirectories(cgroup.resolve("unified"));
        Files.writeString(cgroup.resolve("unified/cgroup.controllers"), "");
        assertThat(CgroupNames.v2Root(cgroup)).isEqualTo(cgroup.resolve("unified"));
        Files.writeString(cgroup.resolve("cgroup.controllers"), "cpu io\n");
        assertThat(CgroupNames.v2Root(cgroup)).isEqualTo(cgroup);
    }

    @Test
    void theHostsOwnCgroupResolvesByItsId() throws Exception {
        String path = Files.readAllLines(Path.of("/proc/self/cgroup")).stream().filter(l -> l.startsWith("0::"))
                .findFirst().orElseThrow().substring(3);
        Path root = CgroupNames.v2Root(Path.of("/sys/fs/cgroup"));
        long id = ino(root.resolve(path.substring(1)));
        assertThat(CgroupNames.host().pathOf(id)).contains(path);
    }

    static long ino(Path p) throws Exception {
        return ((Number) Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue();
    }
}
