/* swap module: counter ids, shared with Java (dev.ebpfmon.module.swap.SwapCounter). */
#ifndef EBPFMON_SWAP_H
#define EBPFMON_SWAP_H

enum swap_counter {
	SWAP_READ_CALL = 0,   /* calls reading from swap (swap_readpage / swap_read_folio) */
	SWAP_WRITE_CALL = 1,  /* calls writing to swap (__swap_writepage / swap_writepage / swap_writeout) */
	SWAP_READ_PAGES = 2,  /* the pages those reads carried (a large folio counts its pages) */
	SWAP_WRITE_PAGES = 3, /* the pages those writes carried: what /proc/vmstat's pswpout counts */
	SWAP_COUNTERS = 4,
};

#endif
