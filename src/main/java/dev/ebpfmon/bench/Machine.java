package dev.ebpfmon.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/** Where a run happened: date, CPU model, cores and kernel, for the report's header. */
final class Machine {
    private Machine() {}

    static String describe() {
        String model = "unknown CPU";
        try {
            model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse(model);
        } catch (IOException e) {
            // leave it unknown: the figures still stand
        }
        String kernel;
        try {
            kernel = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        } catch (IOException e) {
            kernel = System.getProperty("os.version");
        }
        return "Date " + LocalDate.now() + "; " + Runtime.getRuntime().availableProcessors() + " cores, " + model
                + "; kernel " + kernel + "; Java " + Runtime.version() + ".";
    }
}
