package dev.ebpfmon.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** `ebpfmon uninstall-netdata-plugin`: undoes exactly what install-netdata-plugin changed. */
@Command(name = "uninstall-netdata-plugin", mixinStandardHelpOptions = true,
        description = {"Undo install-netdata-plugin (run as root): put Netdata's own ebpf.plugin back, remove the "
                + "configuration files it added while they are unchanged, and its netdata.conf lines. "
                + "Restart Netdata afterwards."})
final class UninstallNetdataPluginCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        return NetdataPluginScript.run("uninstall");
    }
}
