// SPDX-License-Identifier: GPL-2.0
/*
 * cachestat module: the page cache's four inputs of Netdata's (and bcc's) hit/miss arithmetic,
 * counted per host and per process: pages accessed, pages added, pages dirtied, buffers dirtied.
 * Each has a trampoline and a kprobe program (the loader attaches them to the name this kernel
 * has); where kprobes and trampolines are missing, three of the four have a tracepoint close to
 * them. Nothing traces a page being accessed but the function itself.
 */
#include "pid_record.bpf.h"
#include "folio.bpf.h"
#include "modules/cachestat/cachestat.h"

char LICENSE[] SEC("license") = "GPL";

MODULE_SETTINGS(cachestat);
COUNTERS(cachestat_global, CACHESTAT_COUNTERS);

/* Runs in the task that touches the page cache: its process gets the count. */
static __always_inline int cachestat_count(__u32 id, __u64 pages)
{
	void *rec = cachestat_pid_offset ? pid_record_current(current_tgid()) : NULL;
	count(counters_of(&cachestat_global), rec, cachestat_pid_offset, id, pages);
	return 0;
}

/*
 * folio_mark_accessed(folio), or mark_page_accessed(page) on kernels without folios (5.15 and
 * older), where folio_pages_btf stops at the missing type and reads nothing the verifier would
 * hold against a page; kernels with folios have folio_mark_accessed, which the loader prefers.
 * The page-dirtied programs are in the same position.
 */
SEC("fentry")
int BPF_PROG(accessed_fentry, struct folio *folio)
{
	return cachestat_count(CACHESTAT_ACCESSED, folio_pages_btf(folio));
}

SEC("kprobe")
int BPF_KPROBE(accessed_kprobe, struct folio *folio)
{
	return cachestat_count(CACHESTAT_ACCESSED, folio_pages_read(folio));
}

/* filemap_add_folio(mapping, folio, index, gfp): the folio is the second argument. */
SEC("fentry")
int BPF_PROG(added_folio_fentry, struct address_space *mapping, struct folio *folio)
{
	return cachestat_count(CACHESTAT_ADDED, folio_pages_btf(folio));
}

SEC("kprobe")
int BPF_KPROBE(added_folio_kprobe, struct address_space *mapping, struct folio *folio)
{
	return cachestat_count(CACHESTAT_ADDED, folio_pages_read(folio));
}

/* add_to_page_cache_lru(page, ...) before folios: one page a call. */
SEC("fentry")
int BPF_PROG(added_page_fentry)
{
	return cachestat_count(CACHESTAT_ADDED, 1);
}

SEC("kprobe")
int BPF_KPROBE(added_page_kprobe)
{
	return cachestat_count(CACHESTAT_ADDED, 1);
}

/*
 * Fires in __filemap_add_folio once the folio is in the cache; it passed a page before folios,
 * and took folios with them (5.16).
 */
SEC("tp_btf/mm_filemap_add_to_page_cache")
int BPF_PROG(added_btf, struct folio *folio)
{
	return cachestat_count(CACHESTAT_ADDED, folio_pages_btf(folio));
}

SEC("raw_tp/mm_filemap_add_to_page_cache")
int BPF_PROG(added_raw, struct folio *folio)
{
	return cachestat_count(CACHESTAT_ADDED, folio_pages_read(folio));
}

/* __folio_mark_dirty(folio, ...), __set_page_dirty(page, ...), account_page_dirtied(page, ...). */
SEC("fentry")
int BPF_PROG(dirtied_fentry, struct folio *folio)
{
	return cachestat_count(CACHESTAT_DIRTIED, folio_pages_btf(folio));
}

SEC("kprobe")
int BPF_KPROBE(dirtied_kprobe, struct folio *folio)
{
	return cachestat_count(CACHESTAT_DIRTIED, folio_pages_read(folio));
}

/* Fires where those functions account a dirtied folio that still has its mapping. */
SEC("tp_btf/writeback_dirty_folio")
int BPF_PROG(dirtied_folio_btf, struct folio *folio)
{
	return cachestat_count(CACHESTAT_DIRTIED, folio_pages_btf(folio));
}

SEC("raw_tp/writeback_dirty_folio")
int BPF_PROG(dirtied_folio_raw, struct folio *folio)
{
	return cachestat_count(CACHESTAT_DIRTIED, folio_pages_read(folio));
}

/* The same event's name before folios (5.15 and older). */
SEC("tp_btf/writeback_dirty_page")
int BPF_PROG(dirtied_page_btf)
{
	return cachestat_count(CACHESTAT_DIRTIED, 1);
}

SEC("raw_tp/writeback_dirty_page")
int BPF_PROG(dirtied_page_raw)
{
	return cachestat_count(CACHESTAT_DIRTIED, 1);
}

/* mark_buffer_dirty(bh): one buffer a call. */
SEC("fentry")
int BPF_PROG(buffer_fentry)
{
	return cachestat_count(CACHESTAT_BUFFER_DIRTIED, 1);
}

SEC("kprobe")
int BPF_KPROBE(buffer_kprobe)
{
	return cachestat_count(CACHESTAT_BUFFER_DIRTIED, 1);
}

/* The first thing mark_buffer_dirty does, on every call. */
SEC("tp_btf/block_dirty_buffer")
int BPF_PROG(buffer_btf)
{
	return cachestat_count(CACHESTAT_BUFFER_DIRTIED, 1);
}

SEC("raw_tp/block_dirty_buffer")
int BPF_PROG(buffer_raw)
{
	return cachestat_count(CACHESTAT_BUFFER_DIRTIED, 1);
}
