/* oomkill module: counter ids, shared with Java (dev.ebpfmon.module.oomkill.OomkillCounter). */
#ifndef EBPFMON_OOMKILL_H
#define EBPFMON_OOMKILL_H

enum oomkill_counter {
	OOMKILL_KILLS = 0, /* oom:mark_victim, counted for the victim's process */
	OOMKILL_COUNTERS = 1,
};

#endif
