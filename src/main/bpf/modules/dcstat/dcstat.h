/* dcstat module: counter ids, shared with Java (dev.ebpfmon.module.dcstat.DcstatCounter). */
#ifndef EBPFMON_DCSTAT_H
#define EBPFMON_DCSTAT_H

enum dcstat_counter {
	DCSTAT_REFERENCE = 0, /* calls to lookup_fast: a path component looked up in the directory cache */
	DCSTAT_SLOW = 1,      /* calls to d_lookup: a lookup in the cache under the rename lock */
	DCSTAT_MISS = 2,      /* d_lookup calls that found nothing */
	DCSTAT_COUNTERS = 3,
};

#endif
