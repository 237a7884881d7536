package dev.ebpfmon.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@link KernelSymbols} from the files the kernel exposes under a root: BTF of vmlinux and the
 * loaded modules ({@code sys/kernel/btf}), {@code proc/kallsyms} (functions of modules without BTF), and tracefs's
 * {@code available_filter_functions} and {@code events/}. Each source is read on first use only.
 */
final class SymbolTable implements KernelSymbols {
    private final Path root;
    private final Supplier<Optional<Path>> tracefs;
    private final Lazy<Optional<BtfFunctions>> btf = new Lazy<>(this::readBtf);
    private final Lazy<Optional<NameSet>> kallsyms = new Lazy<>(this::readKallsyms);
    private final Lazy<Optional<NameSet>> traceable = new Lazy<>(this::readFilterFunctions);
    private final Lazy<Optional<NameSet>> kprobeBlacklist = new Lazy<>(this::readKprobeBlacklist);

    /** Functions and raw tracepoints of vmlinux and every loaded module with BTF. */
    private record BtfFunctions(NameSet functions, NameSet rawTracepoints, Map<String, Integer> tracepointArgs) {}

    /** @param tracefs the usable tracefs directory, if any (resolving it may mount tracefs) */
    SymbolTable(Path root, Supplier<Optional<Path>> tracefs) {
        this.root = root;
        this.tracefs = tracefs;
    }

    @Override
    public boolean hasFunction(String name) {
        // kallsyms as well: a module built without BTF (every module before 5.11) has its functions
        // there only, where kprobes find them
        return inBtf(name) || kallsyms.get().map(k -> k.contains(name)).orElse(false);
    }

    private boolean inBtf(String name) {
        return btf.get().map(b -> b.functions().contains(name)).orElse(false);
    }

    @Override
    public boolean hasTracepoint(String category, String event) {
        Optional<Path> dir = tracefs.get();
        if (dir.isPresent()) {
            return Files.isDirectory(dir.get().resolve("events").resolve(category).resolve(event));
        }
        return btf.get().map(b -> b.rawTracepoints().contains(event)).orElse(false);
    }

    @Override
    public OptionalInt tracepointArgs(String event) {
        return btf.get().map(b -> b.tracepointArgs().get(event)).map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    @Override
    public Optional<String> whyNoTrampoline(String function) {
        if (btf.get().isEmpty()) {
            return Optional.of("fentry/fexit need BTF, and /sys/kernel/btf/vmlinux is missing");
        }
        if (!hasFunction(function)) {
            return Optional.of(missing(function));
        }
        if (!inBtf(function)) {
            return Optional.of(function + " is in /proc/kallsyms but not in BTF (a module built without BTF, as "
                    + "every module before 5.11), so fentry/fexit cannot attach");
        }
        return traceable.get().filter(t -> !t.contains(function)).map(t -> function
                + " is in BTF but not in available_filter_functions: it is inlined or marked notrace, "
                + "so fentry/fexit cannot attach");
    }

    @Override
    public String kprobeTarget(String function) {
        return kallsyms.get().filter(k -> !k.contains(function))
                .flatMap(k -> k.firstStartingWith(function + "."))
                .orElse(function);
    }

    @Override
    public Optional<String> whyNoKprobe(String name) {
        Optional<NameSet> symbols = kallsyms.get();
        String function = kprobeTarget(name);
        if (symbols.isPresent() && !symbols.get().contains(function)) {
            return Optional.of(hasFunction(function)
                    ? function + " is in BTF but has no symbol in /proc/kallsyms: it is inlined everywhere, "
                            + "so a kprobe cannot attach"
                    : missing(function));
        }
        if (symbols.isEmpty() && !hasFunction(function)) {
            return Optional.of(missing(function));
        }
        Optional<String> blacklisted = kprobeBlacklist.get().filter(b -> b.contains(function))
                .map(b -> function + " is on the kprobe blacklist (debugfs kprobes/blacklist)");
        if (blacklisted.isPresent()) {
            return blacklisted;
        }
        // Not ftrace-able (notrace, noinstr, __init): the kernel matrix found kprobes refused on
        // 8,078 of 8,097 such functions of Debian's 6.12, so this is no place for a kprobe either.
        return traceable.get().filter(t -> !t.contains(function)).map(t -> function
                + " is not in available_filter_functions (notrace, noinstr or init code), where kprobes "
                + "are refused as well");
    }

    private static String missing(String function) {
        return function + " does not exist in this kernel (renamed, removed, or in a module that is not loaded)";
    }

    private Optional<BtfFunctions> readBtf() {
        Path dir = root.resolve("sys/kernel/btf");
        Path vmlinux = dir.resolve("vmlinux");
        if (!Files.isRegularFile(vmlinux)) {
            return Optional.empty();
        }
        try {
            Btf base = Btf.parse(Files.readAllBytes(vmlinux));
            Set<String> functions = new HashSet<>(base.functions());
            Set<String> raw = new HashSet<>(base.rawTracepoints());
            try (Stream<Path> files = Files.list(dir)) {
                for (Path module : files.filter(p -> !p.getFileName().toString().equals("vmlinux")).sorted().toList()) {
                    Btf split = Btf.parseSplit(Files.readAllBytes(module), base);
                    functions.addAll(split.functions());
                    raw.addAll(split.rawTracepoints());
                }
            }
            return Optional.of(new BtfFunctions(NameSet.of(functions), NameSet.of(raw), Map.copyOf(base.rawTracepointArgs())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the kernel's BTF under " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Text symbols ({@code t}/{@code T}) of /proc/kallsyms; names only, so no privilege is needed. */
    private Optional<NameSet> readKallsyms() {
        // "address type name" and, for a module's, "\t[module]": split by hand, as a regular
        // expression per line made 60 MB of garbage out of 200,000 lines at start
        return lines(root.resolve("proc/kallsyms"), line -> {
            int type = line.indexOf(' ') + 1;
            if (type == 0 || type + 2 >= line.length() || line.charAt(type + 1) != ' '
                    || (line.charAt(type) != 't' && line.charAt(type) != 'T')) {
                return null;
            }
            int end = type + 2;
            while (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
                end++;
            }
            return line.substring(type + 2, end);
        });
    }

    /** Functions ftrace (and so fentry) can attach to: "name" or "name [module]" per line. */
    private Optional<NameSet> readFilterFunctions() {
        return tracefs.get().flatMap(dir -> lines(dir.resolve("available_filter_functions"), line -> {
            int space = line.indexOf(' ');
            return space < 0 ? line.strip() : line.substring(0, space);
        }));
    }

    /** "0xstart-0xend\tname" per line; readable only with debugfs mounted. */
    private Optional<NameSet> readKprobeBlacklist() {
        return lines(root.resolve("sys/kernel/debug/kprobes/blacklist"), line -> {
            String[] f = line.split("\\s+");
            return f.length >= 2 ? f[1] : null;
        });
    }

    private static Optional<NameSet> lines(Path file, java.util.function.Function<String, String> name) {
        if (!Files.isReadable(file)) {
            return Optional.empty();
        }
        Set<String> names = new HashSet<>();
        try (Stream<String> lines = Files.lines(file)) {
            lines.map(name).filter(n -> n != null && !n.isEmpty()).forEach(names::add);
            return Optional.of(NameSet.of(names));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** A value computed on first use, then remembered; thread-safe. */
    private static final class Lazy<T> {
        private final Supplier<T> compute;
        private T value;

        Lazy(Supplier<T> compute) {
            this.compute = compute;
        }

        synchronized T get() {
            if (value == null) {
                value = compute.get();
            }
            return value;
        }
    }
}
