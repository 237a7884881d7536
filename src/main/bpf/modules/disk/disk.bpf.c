// SPDX-License-Identifier: GPL-2.0
/*
 * disk module: the latency of every block request, from block:block_rq_issue to
 * block:block_rq_complete, as a log2 histogram per disk (disk_latency_io.<disk>).
 * Requests are matched by their address; a request completed without a recorded issue (issued
 * before we attached, or a second completion of the same request) is not counted.
 */
#include "ebpfmon.bpf.h"
#include "bits.bpf.h"
#include "modules/disk/disk.h"

char LICENSE[] SEC("license") = "GPL";

/*
 * block_rq_issue lost its request_queue argument in 5.11 (commit a54895fa), and in backports such
 * as Debian's 5.10: (q, rq) before, (rq) since. Neither the version nor clang 14's CO-RE can tell,
 * so the agent reads the tracepoint's prototype from BTF and sets this before load; the verifier
 * sees a constant and drops the other branch, whose context read would not load.
 */
const volatile __u8 disk_issue_has_queue = 0;

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, DISK_IN_FLIGHT);
	__type(key, __u64);   /* the request's address */
	__type(value, __u64); /* when it was issued, ns */
} disk_start SEC(".maps");

struct disk_histogram {
	__u64 buckets[LOG2_BUCKETS];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, DISK_MAX);
	__type(key, __u32);
	__type(value, struct disk_histogram);
} disk_latency SEC(".maps");

/* Before 5.17 (or so) a request named its disk itself; since, through its queue. */
struct request___old {
	struct gendisk *rq_disk;
} __attribute__((preserve_access_index));

static __always_inline __u32 devt(int major, int first_minor)
{
	return (__u32)major << DISK_MINOR_BITS | (__u32)first_minor;
}

/* tp_btf: typed pointers are read directly, which lockdown=confidentiality allows (bpf_probe_read it refuses) */
static __always_inline __u32 disk_of_btf(struct request *rq)
{
	struct gendisk *disk = bpf_core_field_exists(struct request___old, rq_disk)
		? ((struct request___old *)rq)->rq_disk : rq->q->disk;
	return disk ? devt(disk->major, disk->first_minor) : 0;
}

static __always_inline __u32 disk_of_raw(struct request *rq)
{
	struct gendisk *disk = bpf_core_field_exists(struct request___old, rq_disk)
		? BPF_CORE_READ((struct request___old *)rq, rq_disk) : BPF_CORE_READ(rq, q, disk);
	return disk ? devt(BPF_CORE_READ(disk, major), BPF_CORE_READ(disk, first_minor)) : 0;
}

static __always_inline int on_issue(struct request *rq)
{
	__u64 key = (__u64)rq;
	__u64 now = bpf_ktime_get_ns();
	bpf_map_update_elem(&disk_start, &key, &now, BPF_ANY);
	return 0;
}

/* typed: called from tp_btf, whose pointers may be read directly */
static __always_inline int on_complete(struct request *rq, bool typed)
{
	__u64 key = (__u64)rq;
	__u64 *start = bpf_map_lookup_elem(&disk_start, &key);
	if (!start)
		return 0;
	__u64 latency = bpf_ktime_get_ns() - *start;
	bpf_map_delete_elem(&disk_start, &key);

	__u32 dev = typed ? disk_of_btf(rq) : disk_of_raw(rq);
	struct disk_histogram *h = bpf_map_lookup_elem(&disk_latency, &dev);
	if (!h) {
		struct disk_histogram zero = {};
		bpf_map_update_elem(&disk_latency, &dev, &zero, BPF_NOEXIST);
		h = bpf_map_lookup_elem(&disk_latency, &dev);
		if (!h)
			return 0; /* DISK_MAX disks already */
	}
	/* per CPU, yet atomic: on PREEMPT_RT another task may update this CPU's slot meanwhile */
	__sync_fetch_and_add(&h->buckets[latency_bucket(latency)], 1);
	return 0;
}

/*
 * The context is read at a constant offset on each side: clang would otherwise load from
 * ctx + (old ? 8 : 0), a modified context pointer, which verifiers before 5.11 refuse. The asm
 * keeps the two loads apart.
 */
static __always_inline struct request *issued(__u64 *ctx)
{
	__u64 rq;
	if (disk_issue_has_queue)
		asm volatile("%0 = *(u64 *)(%1 + 8)" : "=r"(rq) : "r"(ctx));
	else
		asm volatile("%0 = *(u64 *)(%1 + 0)" : "=r"(rq) : "r"(ctx));
	return (struct request *)rq;
}

SEC("tp_btf/block_rq_issue")
int issue_btf(__u64 *ctx)
{
	return on_issue(issued(ctx));
}

SEC("raw_tp/block_rq_issue")
int issue_raw(__u64 *ctx)
{
	return on_issue(issued(ctx));
}

SEC("tp_btf/block_rq_complete")
int BPF_PROG(complete_btf, struct request *rq)
{
	return on_complete(rq, true);
}

SEC("raw_tp/block_rq_complete")
int BPF_PROG(complete_raw, struct request *rq)
{
	return on_complete(rq, false);
}
