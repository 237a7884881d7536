package dev.ebpfmon.apps;

/**
 * What a cgroup holds, which decides where Netdata charts it: systemd services share
 * {@code services.*} charts (one dimension each), the rest get charts of their own under a
 * {@code cgroup_<name>} type.
 */
public enum CgroupKind {
    /** a systemd system service ({@code system.slice/x.service}) */
    SERVICE,
    /** one container of docker, podman, containerd, CRI-O or LXC */
    CONTAINER,
    /** a Kubernetes pod (the cgroup holding its containers) */
    POD,
    /** a user's login session, user manager or user slice */
    SESSION,
    /** anything else, named by its path */
    OTHER
}
