package dev.ebpfmon.module;

/** What the kernel recorded of one process (pid_info.h): name after exec, parent, cgroup. */
public record PidInfo(int tgid, int ppid, String comm, long cgroupId, boolean exited) {}
