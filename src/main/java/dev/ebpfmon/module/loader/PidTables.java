package dev.ebpfmon.module.loader;

import dev.ebpfmon.bpf.BpfMap;

/**
 * The maps of the per-process records (src/main/bpf/include/pid_record.bpf.h), shared by every
 * object that counts per process.
 *
 * @param records        tgid -> record
 * @param created        records the kernel created since load (per-CPU)
 * @param tickGeneration the agent's tick, bumped before each collection
 * @param changed        ring of the tgids whose records changed in a tick
 * @param changesLost    changes the ring had no room for (per-CPU)
 */
public record PidTables(BpfMap records, BpfMap created, BpfMap tickGeneration, BpfMap changed, BpfMap changesLost) {}
