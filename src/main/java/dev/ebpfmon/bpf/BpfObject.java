package dev.ebpfmon.bpf;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A BPF ELF object opened by libbpf from bytes in memory: its programs and maps, configurable
 * until {@link #load()}, usable after it, released by {@link #close()}. Once its programs are
 * attached, {@link #releaseLibbpf()} frees libbpf's side and keeps the kernel's maps and programs.
 *
 * <p>Not thread-safe for configuration and close; once loaded, its maps may be read from any
 * thread as long as no thread closes the object meanwhile.
 */
@SuppressWarnings("restricted") // this package is the project's one native boundary
public final class BpfObject implements AutoCloseable {
    /** sizeof(struct bpf_object_open_opts) in libbpf 1.1 (x86_64); {@code sz} comes first. */
    private static final long OPEN_OPTS_SIZE = 80;
    private static final long OPEN_OPTS_OBJECT_NAME = 8;
    private static final String RODATA = ".rodata";

    private final String name;
    /** libbpf keeps pointing into the ELF bytes and options until bpf_object__close. */
    private final Arena arena;
    private final MemorySegment handle;
    private final List<BpfProgram> programs;
    private final List<BpfMap> maps;
    private boolean loaded;
    private boolean released;
    private volatile boolean closed;

    private BpfObject(String name, Arena arena, MemorySegment handle) {
        this.name = name;
        this.arena = arena;
        this.handle = handle;
        List<BpfProgram> progs = new ArrayList<>();
        for (MemorySegment p = Libbpf.objectNextProgram(handle, MemorySegment.NULL); p.address() != 0;
                p = Libbpf.objectNextProgram(handle, p)) {
            progs.add(new BpfProgram(this, p));
        }
        List<BpfMap> ms = new ArrayList<>();
        for (MemorySegment m = Libbpf.objectNextMap(handle, MemorySegment.NULL); m.address() != 0;
                m = Libbpf.objectNextMap(handle, m)) {
            ms.add(new BpfMap(this, m));
        }
        this.programs = List.copyOf(progs);
        this.maps = List.copyOf(ms);
    }

    /**
     * Opens (parses, does not load) a BPF object.
     *
     * @param name object name; prefixes libbpf's internal map names (e.g. {@code name.rodata})
     * @param elf  the object file's bytes, copied off-heap
     */
    public static BpfObject open(String name, byte[] elf) throws BpfException {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(elf, "elf");
        Bpf.requireLibbpf();
        Arena arena = Arena.ofShared();
        try {
            MemorySegment buf = arena.allocate(Math.max(1, elf.length), 8);
            MemorySegment.copy(elf, 0, buf, JAVA_BYTE, 0, elf.length);
            MemorySegment opts = arena.allocate(OPEN_OPTS_SIZE, 8);
            opts.set(JAVA_LONG, 0, OPEN_OPTS_SIZE);
            opts.set(ADDRESS, OPEN_OPTS_OBJECT_NAME, arena.allocateFrom(name));
            MemorySegment errno = arena.allocate(Libbpf.ERRNO_STATE);
            MemorySegment obj;
            String log;
            try (LibbpfLog.Capture capture = LibbpfLog.capture()) {
                obj = Libbpf.objectOpenMem(errno, buf, elf.length, opts);
                log = capture.text();
            }
            if (obj.address() == 0) {
                throw new BpfException("open BPF object '" + name + "'", Libbpf.errno(errno), log);
            }
            return new BpfObject(name, arena, obj);
        } catch (BpfException | RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    public String name() {
        return name;
    }

    public List<BpfProgram> programs() {
        return programs;
    }

    /** By function name (not section name). */
    public Optional<BpfProgram> program(String programName) {
        return programs.stream().filter(p -> p.name().equals(programName)).findFirst();
    }

    /** Includes libbpf's internal maps ({@code .rodata}, {@code .bss}, ...). */
    public List<BpfMap> maps() {
        return maps;
    }

    public Optional<BpfMap> map(String mapName) {
        return maps.stream().filter(m -> m.name().equals(mapName)).findFirst();
    }

    public boolean isLoaded() {
        return loaded;
    }

    /**
     * Sets a {@code const volatile} global of the BPF code before load. The variable's offset and
     * size (1, 2, 4 or 8 bytes) come from the object's BTF; the value must fit that size, as
     * signed or unsigned.
     *
     * @throws IllegalStateException    if the object is loaded or closed
     * @throws IllegalArgumentException if there is no such variable in {@code .rodata}, or the value does not fit
     */
    public void setGlobal(String varName, long value) {
        requireNotLoaded("set global '" + varName + "'");
        MemorySegment btf = Libbpf.objectBtf(handle);
        BpfMap rodata = maps.stream().filter(m -> m.isInternal() && m.name().endsWith(RODATA)).findFirst()
                .orElseThrow(() -> noSuchGlobal(varName));
        DatasecVar var = btf.address() == 0 ? null : DatasecVar.find(btf, RODATA, varName).orElse(null);
        if (var == null) {
            throw noSuchGlobal(varName);
        }
        int bits = var.size() * 8;
        if (var.size() < 8 && (value >> bits) != 0 && (value >> (bits - 1)) != -1) {
            throw new IllegalArgumentException("value " + value + " does not fit global '" + varName
                    + "' of " + var.size() + " bytes in BPF object '" + name + "'");
        }
        MemorySegment initial;
        try (Arena temp = Arena.ofConfined()) {
            MemorySegment size = temp.allocate(JAVA_LONG);
            MemorySegment p = Libbpf.mapInitialValue(rodata.handle(), size);
            if (p.address() == 0) {
                throw new IllegalStateException("libbpf has no initial value for " + rodata.name());
            }
            initial = p.reinterpret(size.get(JAVA_LONG, 0));
        }
        if ((long) var.offset() + var.size() > initial.byteSize()) {
            throw new IllegalStateException("global '" + varName + "' lies outside " + rodata.name());
        }
        switch (var.size()) {
            case 1 -> initial.set(JAVA_BYTE, var.offset(), (byte) value);
            case 2 -> initial.set(JAVA_SHORT_UNALIGNED, var.offset(), (short) value);
            case 4 -> initial.set(JAVA_INT_UNALIGNED, var.offset(), (int) value);
            case 8 -> initial.set(JAVA_LONG_UNALIGNED, var.offset(), value);
            default -> throw new IllegalArgumentException("global '" + varName + "' is " + var.size()
                    + " bytes, not an integer of 1, 2, 4 or 8 bytes");
        }
    }

    /** Whether the object has the {@code const volatile} global {@code varName} ({@link #setGlobal} can set it). */
    public boolean hasGlobal(String varName) {
        requireNotLoaded("look up global '" + varName + "'");
        MemorySegment btf = Libbpf.objectBtf(handle);
        return btf.address() != 0 && maps.stream().anyMatch(m -> m.isInternal() && m.name().endsWith(RODATA))
                && DatasecVar.find(btf, RODATA, varName).isPresent();
    }

    private IllegalArgumentException noSuchGlobal(String varName) {
        return new IllegalArgumentException("BPF object '" + name + "' has no const volatile global '"
                + varName + "' in " + RODATA);
    }

    /**
     * Creates the maps and verifies and loads the programs whose autoload is on. A failed load
     * leaves the object unusable except for {@link #close()}.
     *
     * @throws BpfException with the verifier/libbpf log when the kernel refuses
     */
    public void load() throws BpfException {
        requireNotLoaded("load");
        loaded = true; // libbpf refuses a second attempt, even after a failed one
        int rc;
        String log;
        try (LibbpfLog.Capture capture = LibbpfLog.capture()) {
            rc = Libbpf.objectLoad(handle);
            log = capture.text();
        }
        if (rc < 0) {
            throw new BpfException("load BPF object '" + name + "'", -rc, log);
        }
        for (BpfMap map : maps) {
            map.loaded();
        }
    }

    /**
     * Frees libbpf's side of a loaded object: its copy of the ELF file, the object's BTF, the
     * programs' instructions, what it parsed to load them. Maps and programs keep working on fds
     * of their own (element operations, mmap, test runs, statistics); nothing can be configured or
     * attached any more, and links already made stay. For an agent that loads once and then only
     * reads maps, libbpf's side is memory that does nothing. If an fd cannot be taken, the object
     * stays as it was.
     */
    public void releaseLibbpf() throws BpfException {
        requireLoaded("release libbpf's side");
        if (released) {
            return;
        }
        try {
            for (BpfMap map : maps) {
                map.release();
            }
            for (BpfProgram program : programs) {
                program.release();
            }
        } catch (BpfException | RuntimeException e) {
            maps.forEach(BpfMap::unrelease);
            programs.forEach(BpfProgram::closeOwnFd);
            throw e;
        }
        released = true;
        Libbpf.objectClose(handle);
        arena.close();
    }

    /** Detaches nothing by itself (links are separate), but frees maps, programs and the ELF copy. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (released) {
            maps.forEach(BpfMap::closeOwnFd);
            programs.forEach(BpfProgram::closeOwnFd);
            return;
        }
        Libbpf.objectClose(handle);
        arena.close();
    }

    /** Whether {@link #releaseLibbpf()} freed libbpf's side. */
    public boolean isReleased() {
        return released;
    }

    /** For calls that go through libbpf's object. */
    void requireLibbpf(String action) {
        requireOpen();
        if (released) {
            throw new IllegalStateException("cannot " + action + ": libbpf's side of BPF object '" + name
                    + "' was released after load");
        }
    }

    void requireOpen() {
        if (closed) {
            throw new IllegalStateException("BPF object '" + name + "' is closed");
        }
    }

    void requireNotLoaded(String action) {
        requireLibbpf(action);
        if (loaded) {
            throw new IllegalStateException("cannot " + action + ": BPF object '" + name + "' is already loaded");
        }
    }

    void requireLoaded(String action) {
        requireOpen();
        if (!loaded) {
            throw new IllegalStateException("cannot " + action + ": BPF object '" + name + "' is not loaded");
        }
    }

    @Override
    public String toString() {
        return "BpfObject[" + name + (closed ? ", closed" : released ? ", loaded, released" : loaded ? ", loaded" : "")
                + "]";
    }
}
