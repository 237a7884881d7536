/*
 * mdflush module: what its map holds, shared with Java (dev.ebpfmon.module.mdflush).
 *   mdflush_count  key: the md device, as the kernel's dev_t of its gendisk (major << 20 | first
 *                  minor; md<N> is 9:N); value: flush requests md_flush_request() received.
 */
#ifndef EBPFMON_MDFLUSH_H
#define EBPFMON_MDFLUSH_H

/* md devices counted, as Netdata's tbl_mdflush. */
#define MDFLUSH_DEVICES 1024
/* The kernel's MINORBITS. */
#define MDFLUSH_MINOR_BITS 20

#endif
