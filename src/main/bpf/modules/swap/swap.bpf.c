// SPDX-License-Identifier: GPL-2.0
/*
 * swap module: reads from and writes to swap, in calls (Netdata's charts) and in pages (what
 * /proc/vmstat's pswpin and pswpout count, so the module can check itself against them). No
 * tracepoint exists in mm/page_io.c: trampolines or kprobes only. Every function the module
 * attaches to takes the folio first, or a page on kernels before their folio conversion (6.1's
 * __swap_writepage and swap_readpage) under the same name: the fentry programs cannot know which
 * type the verifier holds them to, so they read the folio's size with bpf_probe_read_kernel as
 * the kprobes do (a head page is its folio), which lockdown=confidentiality refuses.
 */
#include "pid_record.bpf.h"
#include "folio.bpf.h"
#include "modules/swap/swap.h"

char LICENSE[] SEC("license") = "GPL";

MODULE_SETTINGS(swap);
COUNTERS(swap_global, SWAP_COUNTERS);

/* Runs in the task that reads or reclaims: a swap-out during reclaim is the reclaimer's. */
static __always_inline int swap_count(__u32 calls, __u32 pages_id, __u64 pages)
{
	__u64 *host = counters_of(&swap_global);
	void *rec = swap_pid_offset ? pid_record_current(current_tgid()) : NULL;
	count(host, rec, swap_pid_offset, calls, 1);
	count(host, rec, swap_pid_offset, pages_id, pages);
	return 0;
}

SEC("fentry")
int BPF_PROG(read_fentry, struct folio *folio)
{
	return swap_count(SWAP_READ_CALL, SWAP_READ_PAGES, folio_pages_read(folio));
}

SEC("kprobe")
int BPF_KPROBE(read_kprobe, struct folio *folio)
{
	return swap_count(SWAP_READ_CALL, SWAP_READ_PAGES, folio_pages_read(folio));
}

SEC("fentry")
int BPF_PROG(write_fentry, struct folio *folio)
{
	return swap_count(SWAP_WRITE_CALL, SWAP_WRITE_PAGES, folio_pages_read(folio));
}

SEC("kprobe")
int BPF_KPROBE(write_kprobe, struct folio *folio)
{
	return swap_count(SWAP_WRITE_CALL, SWAP_WRITE_PAGES, folio_pages_read(folio));
}
