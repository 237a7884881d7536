package dev.ebpfmon.bench;

import dev.ebpfmon.bpf.BpfException;
import dev.ebpfmon.bpf.BpfLink;
import dev.ebpfmon.bpf.BpfObject;
import dev.ebpfmon.bpf.BpfProgram;
import dev.ebpfmon.kernel.AttachKind;
import dev.ebpfmon.kernel.AttachSupport;
import dev.ebpfmon.module.loader.EmbeddedObjects;
import dev.ebpfmon.module.loader.LoadedModules;
import dev.ebpfmon.module.loader.ModuleLoader;
import dev.ebpfmon.module.ModuleStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What is attached while the workload runs: one row of the kernel-side table. */
sealed interface Setup {
    String label();

    /** Attaches; closing the result detaches everything it attached. */
    AutoCloseable start() throws Exception;

    /** Nothing attached: the syscalls' own cost. */
    record Bare() implements Setup {
        @Override
        public String label() {
            return "nothing";
        }

        @Override
        public AutoCloseable start() {
            return () -> { };
        }
    }

    /** Empty programs on {@code points} (probe point names such as sys_enter): the floor. */
    record Floor(String label, Set<String> points) implements Setup {
        static final String OBJECT = "bench_floor";

        @Override
        public AutoCloseable start() throws BpfException {
            BpfObject object = BpfObject.open(OBJECT, EmbeddedObjects.bytes(OBJECT));
            List<BpfLink> links = new ArrayList<>();
            AutoCloseable detach = () -> {
                links.forEach(BpfLink::close);
                object.close();
            };
            try {
                for (BpfProgram program : object.programs()) {
                    program.setAutoload(points.contains(program.name().substring("floor_".length())));
                }
                if (object.programs().stream().noneMatch(BpfProgram::autoload)) {
                    throw new IllegalArgumentException("the floor has no program for " + points);
                }
                object.load();
                for (BpfProgram program : object.programs()) {
                    if (program.autoload()) {
                        links.add(program.attach());
                    }
                }
                return detach;
            } catch (BpfException | RuntimeException e) {
                try {
                    detach.close();
                } catch (Exception ignored) {
                    // already failing: report the first problem
                }
                throw e;
            }
        }
    }

    /** ebpfmon's modules as the loader attaches them; every requested module must run. */
    record Agent(String label, List<ModuleLoader.Request> requests, Map<AttachKind, AttachSupport> support)
            implements Setup {
        @Override
        public LoadedModules start() {
            LoadedModules loaded = new ModuleLoader(support, EmbeddedObjects::bytes).load(requests);
            List<ModuleStatus> broken = loaded.statuses().stream().filter(s -> !s.runs()).toList();
            if (!broken.isEmpty()) {
                loaded.close();
                throw new IllegalStateException(label + ": modules do not run: " + broken);
            }
            return loaded;
        }
    }

    /** bpftrace running {@code script}, started fresh for each measurement. */
    record Bpftrace(String label, String script) implements Setup {
        @Override
        public AutoCloseable start() throws Exception {
            return BpftraceRun.start(script);
        }
    }
}
