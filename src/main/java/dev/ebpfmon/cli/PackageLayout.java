package dev.ebpfmon.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the Debian package puts ebpfmon, found from the running jar: {@code /usr/lib/ebpfmon}
 * holds the jar, the Java runtime, Netdata's plugin wrapper and the script that installs it, and
 * the stock configuration. A jar elsewhere (a source checkout's target/) has none of these.
 */
record PackageLayout(Path home) {
    static final String PLUGIN_SCRIPT = "netdata-plugin.sh";
    static final String WRAPPER = "ebpf.plugin";
    static final String JAR = "ebpfmon.jar";
    static final String CONFIG = "config";
    /** Where the package keeps what install-netdata-plugin changed (StateDirectory of the unit). */
    static final Path STATE_DIR = Path.of("/var/lib/ebpfmon");

    /** The layout around the running jar, when that is an installed package. */
    static Optional<PackageLayout> ofRunningJar() {
        try {
            Path jar = Path.of(PackageLayout.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            PackageLayout layout = new PackageLayout(jar.getParent());
            return layout.complete() ? Optional.of(layout) : Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    boolean complete() {
        return home != null && Files.isRegularFile(home.resolve(PLUGIN_SCRIPT)) && Files.isRegularFile(home.resolve(WRAPPER))
                && Files.isRegularFile(home.resolve(JAR)) && Files.isDirectory(home.resolve(CONFIG));
    }

    /**
     * Runs the same script `make install-netdata-plugin` runs from a checkout, told that the
     * jar and configuration are the package's (not to be copied, nor removed on uninstall).
     *
     * @param action {@code install} or {@code uninstall}
     * @return the script's exit status
     */
    int runPluginScript(String action) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", home.resolve(PLUGIN_SCRIPT).toString(), action));
        if (action.equals("install")) {
            command.addAll(List.of(home.resolve(WRAPPER).toString(), home.resolve(JAR).toString(),
                    home.resolve(CONFIG).toString()));
        }
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        Map<String, String> env = pb.environment();
        env.put("EBPFMON_LIB_DIR", home.toString());
        env.put("EBPFMON_STATE_DIR", STATE_DIR.toString());
        env.put("EBPFMON_PACKAGED", "1");
        return pb.start().waitFor();
    }
}
