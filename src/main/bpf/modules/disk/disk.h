/*
 * disk module: what its maps hold, shared with Java (dev.ebpfmon.module.disk).
 *   disk_latency  key: the disk, as the kernel's dev_t of its gendisk (major << 20 | first minor);
 *                 value: per CPU, LOG2_BUCKETS request counts by latency (include/bits.bpf.h).
 */
#ifndef EBPFMON_DISK_H
#define EBPFMON_DISK_H

/* Disks with a histogram, as Netdata's NETDATA_DISK_HISTOGRAM_LENGTH / 24 allows. */
#define DISK_MAX 256
/* Requests in flight whose issue time is kept; the oldest give way when it is full. */
#define DISK_IN_FLIGHT 10240
/* The kernel's MINORBITS: a gendisk's dev_t is major << DISK_MINOR_BITS | first_minor. */
#define DISK_MINOR_BITS 20

#endif
