package dev.ebpfmon.module.socket;

import dev.ebpfmon.chart.Sample;
import dev.ebpfmon.chart.Tick;
import dev.ebpfmon.config.ConfigProblem;
import dev.ebpfmon.config.IniFile;
import dev.ebpfmon.config.ModuleSettings;
import dev.ebpfmon.kernel.KernelSymbols;
import dev.ebpfmon.module.KernelTests;
import dev.ebpfmon.module.ModuleContext;
import dev.ebpfmon.module.ProcessRecord;
import dev.ebpfmon.module.loader.LoadedModules;
import dev.ebpfmon.module.loader.ModuleLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The socket module loaded for a kernel test: counting per process, with a network.conf of the test's. */
final class SocketKernel implements AutoCloseable {
    final LoadedModules modules;
    final List<ConfigProblem> problems = new ArrayList<>();

    /** @param networkConf network.conf's text, null for none; @param viewer [ebpf programs] network connections */
    SocketKernel(String networkConf, boolean viewer) {
        this(networkConf, viewer, KernelSymbols.system());
    }

    SocketKernel(String networkConf, boolean viewer, KernelSymbols kernel) {
        this(networkConf, viewer, kernel, KernelTests.settings("socket").withGroups(true, false));
    }

    SocketKernel(String networkConf, boolean viewer, KernelSymbols kernel, ModuleSettings settings) {
        Optional<IniFile> file = networkConf == null ? Optional.empty()
                : Optional.of(IniFile.parse("network.conf", networkConf, problems));
        ModuleContext context = new ModuleContext(settings, file, 0, problems, kernel, viewer);
        modules = KernelTests.load(List.of(new ModuleLoader.Request(new SocketModule(), context)));
        if (!modules.statuses().getFirst().runs()) {
            String why = modules.statuses().getFirst().reason();
            modules.close();
            throw new IllegalStateException("socket does not run: " + why);
        }
    }

    String how() {
        return modules.statuses().getFirst().how();
    }

    /** A process's socket counters (zeros when it counted nothing). */
    long[] counters(int pid) {
        return ProcessRecord.read(modules, pid).map(r -> r.counters(modules, "socket"))
                .orElse(new long[SocketCounter.COUNT]);
    }

    String comm(int pid) {
        return ProcessRecord.read(modules, pid).map(ProcessRecord::comm).orElse("");
    }

    /** What the kernel side counted in a network namespace (NetnsCounts' order). */
    long[] netns(int inode) {
        try (NetnsCounts counts = new NetnsCounts(modules.objects().map(SocketModule.OBJECT, SocketModule.NETNS))) {
            return counts.read(inode);
        }
    }

    /** One collection of the module. */
    Tick collect() {
        Tick tick = new Tick();
        modules.running().getFirst().collector().collect(tick);
        return tick;
    }

    static Sample sample(Tick tick, String fullId) {
        return tick.samples().stream().filter(s -> s.chart().fullId().equals(fullId)).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no sample of " + fullId));
    }

    @Override
    public void close() {
        modules.close();
    }
}
