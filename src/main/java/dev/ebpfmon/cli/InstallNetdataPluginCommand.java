package dev.ebpfmon.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** `ebpfmon install-netdata-plugin`: the package's way to `make install-netdata-plugin`. */
@Command(name = "install-netdata-plugin", mixinStandardHelpOptions = true,
        description = {"Make ebpfmon Netdata's ebpf.plugin (run as root, from the installed package): a setuid-root "
                + "wrapper that runs only `ebpfmon netdata N` goes to Netdata's plugins directory (Netdata's own "
                + "plugin is kept aside), ebpfmon's configuration to Netdata's where it has none, and `ebpf = yes` "
                + "to netdata.conf. Restart Netdata afterwards. NETDATA_PLUGINS_DIR, NETDATA_CONFIG_DIR and "
                + "NETDATA_GROUP override the locations."})
final class InstallNetdataPluginCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        return NetdataPluginScript.run("install");
    }
}
