/*
 * softirq module: the counters' layout, shared with Java (dev.ebpfmon.module.softirq.SoftirqVector).
 * Per vector v, in the kernel's order (HI, TIMER, NET_TX, NET_RX, BLOCK, IRQ_POLL, TASKLET, SCHED,
 * HRTIMER, RCU: NR_SOFTIRQS since 4.5), the nanoseconds its handlers ran and how often they ran.
 */
#ifndef EBPFMON_SOFTIRQ_H
#define EBPFMON_SOFTIRQ_H

#define SOFTIRQ_VECTORS 10

enum softirq_counter {
	SOFTIRQ_LATENCY = 0,              /* + v: nanoseconds in vector v's handlers */
	SOFTIRQ_EVENTS = SOFTIRQ_VECTORS, /* + v: runs of vector v (what /proc/softirqs counts) */
	SOFTIRQ_COUNTERS = 2 * SOFTIRQ_VECTORS,
};

#endif
