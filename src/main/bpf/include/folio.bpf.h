/*
 * How many pages a folio holds, on every kernel, for modules that count pages where the kernel
 * hands them folios (page cache, swap): 1 for a small folio, the folio's page count for a large
 * one (a large folio's head page has PG_head set). A page pointer works as well: a head page is
 * its folio, any other page counts 1. Before folios (5.15 and older) every call is one page.
 * The fields moved across kernels: page flags are an unsigned long before 6.18 and a
 * memdesc_flags_t since; a large folio's page count is _folio_nr_pages, later _nr_pages.
 */
#ifndef EBPFMON_FOLIO_BPF_H
#define EBPFMON_FOLIO_BPF_H

#include "ebpfmon.bpf.h"

struct page___ulong_flags {
	unsigned long flags;
} __attribute__((preserve_access_index));

struct folio___folio_nr_pages {
	unsigned int _folio_nr_pages;
} __attribute__((preserve_access_index));

static __always_inline int page_flags_say_large(unsigned long flags)
{
	return (flags >> bpf_core_enum_value(enum pageflags, PG_head)) & 1;
}

/*
 * For programs whose argument is BTF-typed (fentry, tp_btf): plain loads, which the verifier
 * checks against the kernel's types, and no bpf_probe_read (refused under lockdown).
 */
static __always_inline __u64 folio_pages_btf(struct folio *folio)
{
	if (!bpf_core_type_exists(struct folio))
		return 1;
	unsigned long flags;
	if (bpf_core_field_exists(((struct page___ulong_flags *)folio)->flags))
		flags = ((struct page___ulong_flags *)folio)->flags;
	else
		flags = folio->flags.f;
	if (!page_flags_say_large(flags))
		return 1;
	if (bpf_core_field_exists(folio->_nr_pages))
		return folio->_nr_pages;
	if (bpf_core_field_exists(((struct folio___folio_nr_pages *)folio)->_folio_nr_pages))
		return ((struct folio___folio_nr_pages *)folio)->_folio_nr_pages;
	return 1;
}

/* For programs that get a plain pointer (kprobe, raw_tp): the same through bpf_probe_read_kernel. */
static __always_inline __u64 folio_pages_read(struct folio *folio)
{
	if (!bpf_core_type_exists(struct folio))
		return 1;
	unsigned long flags = 0;
	if (bpf_core_field_exists(((struct page___ulong_flags *)folio)->flags))
		bpf_core_read(&flags, sizeof(flags), &((struct page___ulong_flags *)folio)->flags);
	else
		bpf_core_read(&flags, sizeof(flags), &folio->flags.f);
	if (!page_flags_say_large(flags))
		return 1;
	unsigned int pages = 1;
	if (bpf_core_field_exists(folio->_nr_pages))
		bpf_core_read(&pages, sizeof(pages), &folio->_nr_pages);
	else if (bpf_core_field_exists(((struct folio___folio_nr_pages *)folio)->_folio_nr_pages))
		bpf_core_read(&pages, sizeof(pages), &((struct folio___folio_nr_pages *)folio)->_folio_nr_pages);
	return pages;
}

#endif
