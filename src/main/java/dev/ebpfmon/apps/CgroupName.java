package dev.ebpfmon.apps;

/**
 * A cgroup as people should read it.
 *
 * @param path the cgroup v2 path it names, starting with '/'
 * @param name what to show: a service name, a container name or short id, or the path without
 *             its leading '/' when nothing better is known
 */
public record CgroupName(String path, String name, CgroupKind kind) {

    public boolean isSystemdService() {
        return kind == CgroupKind.SERVICE;
    }
}
