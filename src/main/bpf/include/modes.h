/* How a module is loaded; set by the agent in each module's `const volatile __u8 <module>_mode`.
 * Shared with Java (dev.ebpfmon.module.LoadSide). */
#ifndef EBPFMON_MODES_H
#define EBPFMON_MODES_H

enum ebpfmon_mode {
	MODE_OFF = 0,    /* module disabled: the verifier prunes its handlers */
	MODE_ENTRY = 1,  /* count calls where they start (sys_enter) */
	MODE_RETURN = 2, /* count calls, errors and bytes where they return (sys_exit) */
};

#endif
