// SPDX-License-Identifier: GPL-2.0
/*
 * mdflush module: flush requests per md device (mdstat.mdstat_flush), counted where the md
 * driver takes each bio that asks for a flush, md_flush_request(mddev, bio), by trampoline or
 * probe. The device is read from the bio (types of vmlinux), not from struct mddev, whose layout
 * lives in the md module's BTF, which kernels before 5.11 do not have.
 */
#include "ebpfmon.bpf.h"
#include "modules/mdflush/mdflush.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, MDFLUSH_DEVICES);
	__type(key, __u32);
	__type(value, __u64);
} mdflush_count SEC(".maps");

/* Before 5.12 a bio named its disk; since, its block device. */
struct bio___old {
	struct gendisk *bi_disk;
} __attribute__((preserve_access_index));

static __always_inline int on_flush(int major, int first_minor)
{
	__u32 dev = (__u32)major << MDFLUSH_MINOR_BITS | (__u32)first_minor;
	__u64 *count = bpf_map_lookup_elem(&mdflush_count, &dev);
	if (!count) {
		__u64 zero = 0;
		bpf_map_update_elem(&mdflush_count, &dev, &zero, BPF_NOEXIST);
		count = bpf_map_lookup_elem(&mdflush_count, &dev);
		if (!count)
			return 0;
	}
	__sync_fetch_and_add(count, 1);
	return 0;
}

/* Typed arguments are read directly (also allowed under lockdown=confidentiality). */
SEC("fentry")
int BPF_PROG(md_flush_fentry, void *mddev, struct bio *bio)
{
	struct gendisk *disk = bpf_core_field_exists(struct bio___old, bi_disk)
		? ((struct bio___old *)bio)->bi_disk : bio->bi_bdev->bd_disk;
	return disk ? on_flush(disk->major, disk->first_minor) : 0;
}

SEC("kprobe")
int BPF_KPROBE(md_flush_kprobe, void *mddev, struct bio *bio)
{
	struct gendisk *disk = bpf_core_field_exists(struct bio___old, bi_disk)
		? BPF_CORE_READ((struct bio___old *)bio, bi_disk) : BPF_CORE_READ(bio, bi_bdev, bd_disk);
	return disk ? on_flush(BPF_CORE_READ(disk, major), BPF_CORE_READ(disk, first_minor)) : 0;
}
