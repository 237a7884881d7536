package dev.ebpfmon.cli;

import dev.ebpfmon.module.ModuleCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A configuration directory with every module on, in return mode, with apps and cgroups charts. */
final class AllModulesConfig {
    private AllModulesConfig() {}

    static Path write(Path dir) throws IOException {
        StringBuilder conf = new StringBuilder("""
                [global]
                    ebpf load mode = return
                    update every = 1
                    apps = yes
                    cgroups = yes

                [ebpf programs]
                """);
        for (String module : dev.ebpfmon.config.NetdataModules.NAMES) {
            conf.append("    ").append(module).append(" = yes\n");
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("ebpf.d.conf"), conf);
        return dir;
    }
}
