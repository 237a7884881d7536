// SPDX-License-Identifier: GPL-2.0
/*
 * dcstat module: directory cache lookups, as Netdata counts them: calls to lookup_fast (one per
 * path component the walk finds in the cache, or tries to), calls to d_lookup, and the d_lookup
 * calls that returned nothing. No tracepoint is anywhere near these functions: trampolines or
 * kprobes only.
 */
#include "pid_record.bpf.h"
#include "modules/dcstat/dcstat.h"

char LICENSE[] SEC("license") = "GPL";

MODULE_SETTINGS(dcstat);
COUNTERS(dcstat_global, DCSTAT_COUNTERS);

/* Runs in the task that walks the path: its process gets the count. */
static __always_inline void *dcstat_record(void)
{
	return dcstat_pid_offset ? pid_record_current(current_tgid()) : NULL;
}

static __always_inline int on_reference(void)
{
	count(counters_of(&dcstat_global), dcstat_record(), dcstat_pid_offset, DCSTAT_REFERENCE, 1);
	return 0;
}

static __always_inline int on_lookup(const void *found)
{
	__u64 *host = counters_of(&dcstat_global);
	void *rec = dcstat_record();
	count(host, rec, dcstat_pid_offset, DCSTAT_SLOW, 1);
	if (!found)
		count(host, rec, dcstat_pid_offset, DCSTAT_MISS, 1);
	return 0;
}

SEC("fentry")
int BPF_PROG(reference_fentry)
{
	return on_reference();
}

SEC("kprobe")
int BPF_KPROBE(reference_kprobe)
{
	return on_reference();
}

/* d_lookup(parent, name) returns the dentry found, or NULL. */
SEC("fexit")
int BPF_PROG(lookup_fexit, const struct dentry *parent, const struct qstr *name, struct dentry *found)
{
	return on_lookup(found);
}

SEC("kretprobe")
int BPF_KRETPROBE(lookup_kretprobe, struct dentry *found)
{
	return on_lookup(found);
}
