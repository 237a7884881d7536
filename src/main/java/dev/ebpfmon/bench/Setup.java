package dev.ebpfmon.bench;

import dev.ebpfmon.bpf.BpfException;
import dev.ebpfmon.bpf.BpfLink;
import dev.ebpfmon.bpf.BpfObject;
import dev.ebpfmon.bpf.BpfProgram;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

    /**
     * One empty program on each of {@code points} (tracepoint names, repeated when the agent put
     * several programs on one): the floor.
     */
    record Floor(String label, List<String> points) implements Setup {
        static final String OBJECT = "bench_floor";

        @Override
        public AutoCloseable start() throws BpfException, IOException {
            byte[] elf = floorObject();
            List<AutoCloseable> held = new ArrayList<>();
            AutoCloseable detach = () -> {
                for (AutoCloseable c : held.reversed()) {
                    c.close();
                }
            };
            try {
                for (String point : points) {
                    BpfObject object = BpfObject.open(OBJECT, elf);
                    held.add(object);
                    BpfProgram program = object.programs().getFirst();
                    program.setAttachTarget(point);
                    object.load();
                    BpfLink link = program.attach();
                    held.add(link::close);
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

        private static byte[] floorObject() throws IOException {
            String resource = "/bpf/" + OBJECT + ".bpf.o";
            try (InputStream in = Setup.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " is not in the jar (was clang run by the build?)");
                }
                return in.readAllBytes();
            }
        }
    }

    /**
     * The agent itself ({@code ebpfmon netdata 1} with the configuration), started fresh for each
     * measurement and measured once its first tick is out (its programs are attached by then).
     *
     * @param mustRun a module that has to be running, for the per-module rows
     */
    record Agent(String label, AgentConfig config, Path launcher, Path workDir, Optional<String> mustRun) implements Setup {
        @Override
        public AutoCloseable start() throws Exception {
            Path dir = config.writeUnder(workDir.resolve("config"));
            AgentProcess agent = AgentProcess.start(launcher, AgentProcess.Mode.NETDATA, dir, workDir);
            try {
                agent.awaitFirstSample(120);
                if (mustRun.isPresent() && !AgentLook.running(agent, 30).contains(mustRun.get())) {
                    throw new IllegalStateException(label + ": module " + mustRun.get() + " does not run");
                }
                return agent;
            } catch (Exception e) {
                agent.close();
                throw e;
            }
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
