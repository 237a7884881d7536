/* cachestat module: counter ids, shared with Java (dev.ebpfmon.module.cachestat.CachestatCounter). */
#ifndef EBPFMON_CACHESTAT_H
#define EBPFMON_CACHESTAT_H

/* Page counts are pages (a large folio counts its pages), as on kernels before folios. */
enum cachestat_counter {
	CACHESTAT_ACCESSED = 0,       /* pages marked accessed (mark_page_accessed / folio_mark_accessed) */
	CACHESTAT_ADDED = 1,          /* pages added to the page cache (add_to_page_cache_lru / filemap_add_folio) */
	CACHESTAT_DIRTIED = 2,        /* pages dirtied (account_page_dirtied / __set_page_dirty / __folio_mark_dirty) */
	CACHESTAT_BUFFER_DIRTIED = 3, /* calls to mark_buffer_dirty */
	CACHESTAT_COUNTERS = 4,
};

#endif
