package dev.ebpfmon.leakgate;

import java.util.List;
import java.util.Map;

/**
 * What the gate sees at one moment: this JVM's BPF fds and the kernel's loaded programs (id to name).
 *
 * @param programs empty when the kernel's list cannot be read (not privileged): the JVM's fds still count
 */
record BpfState(List<BpfFd> jvmFds, Map<Integer, String> programs) {
    BpfState {
        jvmFds = List.copyOf(jvmFds);
        programs = Map.copyOf(programs);
    }

    static BpfState now() {
        return new BpfState(BpfFd.of(ProcessHandle.current().pid()), KernelBpf.loadedPrograms());
    }
}
