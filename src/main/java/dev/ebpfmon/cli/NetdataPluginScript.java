package dev.ebpfmon.cli;

import java.util.Optional;

/** The plugin (un)install commands' shared step: find the package, run its script. */
final class NetdataPluginScript {
    /** What a usage problem returns; picocli uses 2 for bad command lines too. */
    static final int NOT_PACKAGED = 2;

    private NetdataPluginScript() {}

    static int run(String action) throws Exception {
        Optional<PackageLayout> layout = PackageLayout.ofRunningJar();
        if (layout.isEmpty()) {
            System.err.println("ebpfmon: " + action + "-netdata-plugin works in the installed package "
                    + "(/usr/lib/ebpfmon); from a source checkout run `make " + action + "-netdata-plugin`");
            return NOT_PACKAGED;
        }
        return layout.get().runPluginScript(action);
    }
}
