/* Log2 histograms, as Netdata's latency charts bucket them (0us->1us, 1us->2us, ..., last: above). */
#ifndef EBPFMON_BITS_BPF_H
#define EBPFMON_BITS_BPF_H

/* Netdata's latency histograms have 24 buckets: up to 2^22 us (4 s), then everything above. */
#define LOG2_BUCKETS 24

/* Floor of log2(v) for v > 0; 0 for v = 0. Branch-light, bounded: the verifier sees no loop. */
static __always_inline __u32 log2_u64(__u64 v)
{
	__u32 r = 0, shift;
	shift = (v > 0xFFFFFFFFULL) << 5; v >>= shift; r |= shift;
	shift = (v > 0xFFFF) << 4; v >>= shift; r |= shift;
	shift = (v > 0xFF) << 3; v >>= shift; r |= shift;
	shift = (v > 0xF) << 2; v >>= shift; r |= shift;
	shift = (v > 0x3) << 1; v >>= shift; r |= shift;
	r |= (v >> 1);
	return r;
}

/*
 * The bucket of a latency in nanoseconds: bucket 0 holds [0, 1 us), bucket i holds
 * [2^(i-1), 2^i) us, the last everything from 2^(LOG2_BUCKETS-2) us up.
 */
static __always_inline __u32 latency_bucket(__u64 ns)
{
	__u64 us = ns / 1000;
	__u32 slot = us == 0 ? 0 : log2_u64(us) + 1;
	return slot < LOG2_BUCKETS - 1 ? slot : LOG2_BUCKETS - 1;
}

#endif
