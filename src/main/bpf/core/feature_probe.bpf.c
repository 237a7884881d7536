// SPDX-License-Identifier: GPL-2.0
/*
 * One minimal program per attach kind. `ebpfmon check` and the loader load and attach each alone
 * to learn, on this very kernel, which kinds really work (a kernel may load a kprobe program and
 * still refuse to attach it, or refuse trampolines at load time).
 */
#include "ebpfmon.bpf.h"

char LICENSE[] SEC("license") = "GPL";

SEC("fentry/vfs_read")
int BPF_PROG(probe_trampoline)
{
	return 0;
}

SEC("kprobe/vfs_read")
int BPF_KPROBE(probe_kprobe)
{
	return 0;
}

SEC("tp_btf/sys_enter")
int BPF_PROG(probe_tp_btf)
{
	return 0;
}

SEC("raw_tp/sys_enter")
int probe_raw_tp(void *ctx)
{
	return 0;
}

SEC("tp/raw_syscalls/sys_enter")
int probe_tp(void *ctx)
{
	return 0;
}
