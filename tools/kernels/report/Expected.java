import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * expected.tsv: the cells that are expected not to run, and why. One line per rule, four
 * tab-separated columns: kernel (run name), module, tracing, reason. The first three are globs
 * ({@code *} matches anything), the reason a regular expression found in the cell's reason.
 */
final class Expected {
    record Rule(int line, Pattern run, Pattern module, Pattern tracing, Pattern reason, String text) {
        boolean covers(Cell c) {
            return run.matcher(c.run()).matches() && module.matcher(c.module()).matches()
                    && tracing.matcher(c.tracing()).matches();
        }
    }

    private final List<Rule> rules;

    private Expected(List<Rule> rules) {
        this.rules = rules;
    }

    List<Rule> rules() {
        return rules;
    }

    static Expected read(Path file) throws IOException {
        List<Rule> rules = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t+");
            if (f.length != 4) {
                throw new IOException(file + ":" + (i + 1) + ": expected 4 tab-separated columns "
                        + "(kernel, module, tracing, reason), found " + f.length);
            }
            try {
                rules.add(new Rule(i + 1, glob(f[0]), glob(f[1]), glob(f[2]), Pattern.compile(f[3].strip()), line));
            } catch (PatternSyntaxException e) {
                throw new IOException(file + ":" + (i + 1) + ": bad reason pattern: " + e.getDescription());
            }
        }
        return new Expected(rules);
    }

    private static Pattern glob(String g) {
        List<String> parts = new ArrayList<>();
        for (String part : g.strip().split("\\*", -1)) {
            parts.add(Pattern.quote(part));
        }
        return Pattern.compile(String.join(".*", parts));
    }

    /** The first rule covering the cell whose reason matches it. */
    java.util.Optional<Rule> explaining(Cell c) {
        return rules.stream().filter(r -> r.covers(c) && r.reason().matcher(c.detail()).find()).findFirst();
    }
}
