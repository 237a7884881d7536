package dev.ebpfmon.apps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Display names for cgroup v2 paths and ids.
 * <ul>
 * <li>systemd services: {@code /system.slice/ssh.service} → {@code ssh} ({@link CgroupKind#SERVICE})</li>
 * <li>sessions: {@code /user.slice/user-1000.slice/session-3.scope} → {@code session-3@alice},
 *     the user manager {@code user@1000.service} → {@code user@alice}, units below it →
 *     {@code <unit>@alice}, the user slice → {@code alice} (user names from the passwd file)</li>
 * <li>containers: docker ({@code docker-<id>.scope}, {@code docker/<id>}), containerd CRI
 *     ({@code cri-containerd-<id>.scope}), CRI-O ({@code crio-<id>.scope}), podman
 *     ({@code libpod-<id>.scope}) → the runtime's container name when its files tell, else the
 *     id's first 12 characters; LXC ({@code lxc.payload.<name>}) → its name</li>
 * <li>Kubernetes: a pod cgroup ({@code pod<uid>} under {@code kubepods*}) → {@code pod-<uid12>},
 *     a container in it → {@code pod-<uid12>-<container>}</li>
 * <li>anything else → the path without its leading '/'; the root → {@code /}</li>
 * </ul>
 * Names are cached per path. Thread-safe.
 */
public final class CgroupNames {

    private static final int CACHE_LIMIT = 16384;
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern RUNTIME_SCOPE =
            Pattern.compile("(docker|cri-containerd|crio|libpod)-([0-9a-f]{64})(?:\\.scope)?");
    private static final Pattern POD = Pattern.compile("(?:kubepods(?:-[a-z]+)?-)?pod([0-9a-fA-F_-]+)(?:\\.slice)?");
    private static final Pattern USER_SLICE = Pattern.compile("user-(\\d+)\\.slice");
    private static final Pattern SESSION = Pattern.compile("session-([^/]+)\\.scope");
    private static final Pattern USER_MANAGER = Pattern.compile("user@(\\d+)\\.service");
    private static final Pattern UNIT_SUFFIX = Pattern.compile("\\.(service|scope|slice)$");

    private final ContainerNames containers;
    private final Path cgroupRoot;
    private final CgroupIdIndex ids;
    private final Path passwd;
    private final Map<String, CgroupName> cache = new ConcurrentHashMap<>();
    private volatile Map<Integer, String> users;

    /**
     * @param cgroupRoot    the cgroup v2 mount, walked to resolve ids
     * @param dockerRoot    docker's data root ({@code /var/lib/docker})
     * @param podmanStorage containers/storage's root ({@code /var/lib/containers/storage})
     * @param passwd        the passwd file naming session users
     * @param clock         times id rescans
     */
    public CgroupNames(Path cgroupRoot, Path dockerRoot, Path podmanStorage, Path passwd, InstantSource clock) {
        this.containers = new ContainerNames(dockerRoot, podmanStorage);
        this.cgroupRoot = cgroupRoot;
        this.ids = new CgroupIdIndex(cgroupRoot, clock, Duration.ofSeconds(1));
        this.passwd = passwd;
    }

    /** The host's files; the v2 hierarchy at /sys/fs/cgroup, or /sys/fs/cgroup/unified on hybrid hosts. */
    public static CgroupNames host() {
        return new CgroupNames(v2Root(Path.of("/sys/fs/cgroup")), Path.of("/var/lib/docker"),
                Path.of("/var/lib/containers/storage"), Path.of("/etc/passwd"), InstantSource.system());
    }

    /** Where the v2 hierarchy is mounted: the root itself, or its {@code unified} child on hybrid hosts. */
    static Path v2Root(Path cgroupFs) {
        if (Files.exists(cgroupFs.resolve("cgroup.controllers"))) {
            return cgroupFs;
        }
        Path unified = cgroupFs.resolve("unified");
        return Files.exists(unified.resolve("cgroup.controllers")) ? unified : cgroupFs;
    }

    /** The path of a cgroup id, rescanning cgroupfs (at most once a second) for unknown ids. */
    public Optional<String> pathOf(long cgroupId) {
        return ids.pathOf(cgroupId);
    }

    /** Whether the cgroup at this path (as {@link #pathOf} gives it) still exists. */
    public boolean exists(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return Files.isDirectory(relative.isEmpty() ? cgroupRoot : cgroupRoot.resolve(relative));
    }

    /** The name of a cgroup id; empty when no cgroup directory has that id. */
    public Optional<CgroupName> byId(long cgroupId) {
        return pathOf(cgroupId).map(this::name);
    }

    /** Names a cgroup path; also takes a whole v2 line of /proc/pid/cgroup ({@code 0::/path}). */
    public CgroupName name(String cgroupPath) {
        String path = cgroupPath.startsWith("0::") ? cgroupPath.substring(3) : cgroupPath;
        path = path.strip();
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        CgroupName known = cache.get(path);
        if (known != null) {
            return known;
        }
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear(); // containers come and go; better to re-read a few files than grow forever
        }
        CgroupName named = compute(path);
        cache.put(path, named);
        return named;
    }

    private CgroupName compute(String path) {
        String rel = path.substring(1);
        if (rel.isEmpty()) {
            return new CgroupName(path, "/", CgroupKind.OTHER);
        }
        String[] parts = rel.split("/");
        CgroupName n = kubernetes(path, parts);
        if (n == null) {
            n = container(path, parts);
        }
        if (n == null) {
            n = session(path, parts);
        }
        if (n == null) {
            n = service(path, parts);
        }
        return n != null ? n : new CgroupName(path, rel, CgroupKind.OTHER);
    }

    private CgroupName kubernetes(String path, String[] parts) {
        if (!parts[0].startsWith("kubepods")) {
            return null;
        }
        for (int i = 1; i < parts.length; i++) {
            Matcher pod = POD.matcher(parts[i]);
            if (!pod.matches()) {
                continue;
            }
            String uid = pod.group(1).replace("_", "").replace("-", "");
            String podName = "pod-" + shorten(uid);
            if (i == parts.length - 1) {
                return new CgroupName(path, podName, CgroupKind.POD);
            }
            String containerName = containerId(parts[i + 1])
                    .map(c -> containers.docker(c.id()).orElse(shorten(c.id())))
                    .orElse(parts[i + 1]);
            return new CgroupName(path, podName + "-" + containerName + rest(parts, i + 2), CgroupKind.CONTAINER);
        }
        return null;
    }

    private CgroupName container(String path, String[] parts) {
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.startsWith("lxc.payload.") && p.length() > "lxc.payload.".length()) {
                return new CgroupName(path, p.substring("lxc.payload.".length()) + rest(parts, i + 1),
                        CgroupKind.CONTAINER);
            }
            Optional<ContainerId> id = containerId(p);
            if (id.isEmpty() && p.equals("docker") && i + 1 < parts.length && HEX64.matcher(parts[i + 1]).matches()) {
                id = Optional.of(new ContainerId("docker", parts[++i]));
            }
            if (id.isPresent()) {
                ContainerId c = id.get();
                Optional<String> named = switch (c.runtime()) {
                    case "docker" -> containers.docker(c.id());
                    case "libpod" -> containers.podman(c.id());
                    default -> Optional.empty();
                };
                return new CgroupName(path, named.orElse(shorten(c.id())) + rest(parts, i + 1), CgroupKind.CONTAINER);
            }
        }
        return null;
    }

    private CgroupName session(String path, String[] parts) {
        if (!parts[0].equals("user.slice") || parts.length < 2) {
            return null;
        }
        Matcher slice = USER_SLICE.matcher(parts[1]);
        if (!slice.matches()) {
            return null;
        }
        String user = userName(Integer.parseInt(slice.group(1)));
        if (parts.length == 2) {
            return new CgroupName(path, user, CgroupKind.SESSION);
        }
        Matcher session = SESSION.matcher(parts[2]);
        if (session.matches()) {
            return new CgroupName(path, "session-" + session.group(1) + "@" + user + rest(parts, 3),
                    CgroupKind.SESSION);
        }
        if (USER_MANAGER.matcher(parts[2]).matches()) {
            String unit = parts.length == 3 ? "user" : UNIT_SUFFIX.matcher(parts[parts.length - 1]).replaceFirst("");
            return new CgroupName(path, unit + "@" + user, CgroupKind.SESSION);
        }
        return null;
    }

    /** A service is the last part; cgroups a service makes below itself are not services. */
    private static CgroupName service(String path, String[] parts) {
        String last = parts[parts.length - 1];
        if (!parts[0].equals("system.slice") || parts.length < 2 || !last.endsWith(".service")) {
            return null;
        }
        for (int i = 1; i < parts.length - 1; i++) {
            if (!parts[i].endsWith(".slice")) {
                return null;
            }
        }
        String name = last.substring(0, last.length() - ".service".length());
        return name.isEmpty() ? null : new CgroupName(path, name, CgroupKind.SERVICE);
    }

    private record ContainerId(String runtime, String id) {}

    private static Optional<ContainerId> containerId(String part) {
        Matcher m = RUNTIME_SCOPE.matcher(part);
        if (m.matches()) {
            return Optional.of(new ContainerId(m.group(1), m.group(2)));
        }
        // cgroupfs-driver kubelets name container cgroups by the bare id
        return HEX64.matcher(part).matches() ? Optional.of(new ContainerId("docker", part)) : Optional.empty();
    }

    /** Sub-cgroups a container or session makes inside itself keep their own path below the name. */
    private static String rest(String[] parts, int from) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < parts.length; i++) {
            b.append('/').append(parts[i]);
        }
        return b.toString();
    }

    private static String shorten(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    private String userName(int uid) {
        Map<Integer, String> u = users;
        if (u == null) {
            u = readPasswd();
            users = u;
        }
        return u.getOrDefault(uid, "user-" + uid);
    }

    private Map<Integer, String> readPasswd() {
        Map<Integer, String> m = new HashMap<>();
        try {
            for (String line : Files.readAllLines(passwd, StandardCharsets.UTF_8)) {
                String[] f = line.split(":", -1);
                if (f.length >= 3 && !f[0].isEmpty()) {
                    try {
                        m.putIfAbsent(Integer.parseInt(f[2]), f[0]);
                    } catch (NumberFormatException e) {
                        // a comment or a broken entry: that uid stays numeric
                    }
                }
            }
        } catch (IOException e) {
            // no passwd file (minimal containers): sessions are named by uid
        }
        return Map.copyOf(m);
    }
}
