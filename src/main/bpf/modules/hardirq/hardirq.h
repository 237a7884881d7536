/*
 * hardirq module: what its maps hold, shared with Java (dev.ebpfmon.module.hardirq). Device IRQs
 * by number in `hardirq_irqs`; the x86 system vectors Netdata charts, in Netdata's order, in
 * `hardirq_vectors`: each a total of handler nanoseconds and handler runs, per CPU.
 */
#ifndef EBPFMON_HARDIRQ_H
#define EBPFMON_HARDIRQ_H

/* Entries of hardirq_irqs when the agent does not size it (it does, from /sys/kernel/irq). */
#define HARDIRQ_IRQS_DEFAULT 256

enum hardirq_vector {
	HARDIRQ_APIC_THERMAL = 0,         /* irq_vectors:thermal_apic_* */
	HARDIRQ_APIC_THRESHOLD = 1,       /* irq_vectors:threshold_apic_* */
	HARDIRQ_APIC_ERROR = 2,           /* irq_vectors:error_apic_* */
	HARDIRQ_APIC_DEFERRED_ERROR = 3,  /* irq_vectors:deferred_error_apic_* */
	HARDIRQ_APIC_SPURIOUS = 4,        /* irq_vectors:spurious_apic_* */
	HARDIRQ_FUNC_CALL = 5,            /* irq_vectors:call_function_* */
	HARDIRQ_FUNC_CALL_SINGLE = 6,     /* irq_vectors:call_function_single_* */
	HARDIRQ_RESCHEDULE = 7,           /* irq_vectors:reschedule_* */
	HARDIRQ_LOCAL_TIMER = 8,          /* irq_vectors:local_timer_* */
	HARDIRQ_IRQ_WORK = 9,             /* irq_vectors:irq_work_* */
	HARDIRQ_X86_PLATFORM_IPI = 10,    /* irq_vectors:x86_platform_ipi_* */
	HARDIRQ_VECTORS = 11,
};

struct hardirq_total {
	__u64 latency_ns; /* time in the handlers */
	__u64 events;     /* handler runs: for a device IRQ, one per action of the line */
};

_Static_assert(sizeof(struct hardirq_total) == 16, "a total is two u64");

#endif
