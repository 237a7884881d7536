package dev.ebpfmon.module.loader;

import dev.ebpfmon.bpf.BpfMap;

/**
 * The maps of the per-process records (src/main/bpf/include/pid_record.bpf.h), shared by every
 * object that counts per process.
 *
 * @param records        slot -> record, an array the agent maps into its memory
 * @param slots          tgid -> slot
 * @param freeSlots      the stack of slots free to take
 * @param events         records created, processes refused a record, changes lost (per-CPU)
 * @param tickGeneration the agent's tick, bumped before each collection
 * @param changed        ring of the slots whose records changed in a tick
 * @param plainAdds      processes with one thread count with plain adds: after starting a tick, the agent must
 *                       wait for a grace period before it reads records ({@link dev.ebpfmon.bpf.GracePeriod})
 */
public record PidTables(BpfMap records, BpfMap slots, BpfMap freeSlots, BpfMap events, BpfMap tickGeneration,
        BpfMap changed, boolean plainAdds) {}
