package dev.ebpfmon.module.loader;

import dev.ebpfmon.bpf.BpfException;
import dev.ebpfmon.module.ModuleStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Why modules of one load cannot run: the first reason each module met. */
final class Failures {
    private static final System.Logger LOG = System.getLogger("ebpfmon.loader");

    private final Map<String, ModuleStatus> byModule = new LinkedHashMap<>();

    void fail(String module, String reason) {
        byModule.putIfAbsent(module, ModuleStatus.unavailable(module, reason));
    }

    ModuleStatus of(String module) {
        return byModule.get(module);
    }

    List<ModuleLoader.Use> alive(List<ModuleLoader.Use> users) {
        return users.stream().filter(u -> !byModule.containsKey(u.request().name())).toList();
    }

    /** A reason in the kernel's or libbpf's words; a verifier log's last lines say why. */
    static String describe(Throwable e) {
        if (e instanceof BpfException b) {
            return b.getMessage() + b.log().map(Failures::lastLines).orElse("");
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static String lastLines(String log) {
        LOG.log(System.Logger.Level.DEBUG, log);
        List<String> lines = log.lines().filter(l -> !l.isBlank()).toList();
        return "\n    " + String.join("\n    ", lines.subList(Math.max(0, lines.size() - 6), lines.size()));
    }
}
