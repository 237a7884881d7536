package dev.ebpfmon.module;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The rules of tools/kernels/expected.tsv (kernel, module, tracing, reason: the cells expected not
 * to run, and why), for kernel tests: a module whose scenario cannot run here is a failure unless
 * a rule of this kernel's run explains its reason. The run is {@code -Debpfmon.test.run} in the
 * kernel matrix's guests and {@code host} (our own machines) otherwise. The matrix' report reads
 * the same file (tools/kernels/report/Expected.java).
 */
final class ExpectedCells {
    static final Path FILE = Path.of("tools/kernels/expected.tsv");

    private record Rule(int line, Pattern run, Pattern module, Pattern tracing, Pattern reason) {}

    private ExpectedCells() {}

    /** The run this JVM tests: a run of tools/kernels/runs.tsv, or {@code host}. */
    static String run() {
        return System.getProperty("ebpfmon.test.run", "host");
    }

    /** The rule explaining why {@code module} cannot run here, as "expected.tsv line N". */
    static Optional<String> explain(String module, String tracing, String reason) throws IOException {
        List<String> lines = Files.readAllLines(FILE);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t+");
            if (f.length != 4) {
                throw new IllegalStateException(FILE + ":" + (i + 1) + ": expected 4 tab-separated columns");
            }
            Rule r = new Rule(i + 1, glob(f[0]), glob(f[1]), glob(f[2]), Pattern.compile(f[3].strip()));
            if (r.run().matcher(run()).matches() && r.module().matcher(module).matches()
                    && r.tracing().matcher(tracing).matches() && r.reason().matcher(reason).find()) {
                return Optional.of(FILE + " line " + r.line());
            }
        }
        return Optional.empty();
    }

    private static Pattern glob(String glob) {
        return Pattern.compile(Arrays.stream(glob.strip().split("\\*", -1)).map(Pattern::quote)
                .collect(Collectors.joining(".*")));
    }
}
