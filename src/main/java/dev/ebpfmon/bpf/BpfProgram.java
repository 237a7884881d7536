package dev.ebpfmon.bpf;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * One program of a {@link BpfObject}; valid as long as its object is open. After the object's
 * {@link BpfObject#releaseLibbpf()} it can still be run and read, no longer attached.
 */
public final class BpfProgram {
    /** struct bpf_test_run_opts (bpf.h, libbpf 1.1): sizeof and field offsets on x86_64. */
    private static final long TEST_RUN_OPTS_SIZE = 80;
    private static final long CTX_IN = 32;
    private static final long CTX_SIZE_IN = 48;
    private static final long RETVAL = 56;
    private static final long REPEAT = 60;
    private static final long DURATION = 64;
    private static final long FLAGS = 68;
    private static final long CPU = 72;
    private static final int BPF_F_TEST_RUN_ON_CPU = 1;
    /** struct bpf_prog_info (uapi, kernel >= 5.1 for the run statistics): size and offsets. */
    private static final int PROG_INFO_SIZE = 232;
    private static final long RUN_TIME_NS = 192;
    private static final long RUN_CNT = 200;

    private final BpfObject owner;
    private final MemorySegment handle;
    private final String name;
    private final String sectionName;
    /** Set by {@link #release()}: an fd of our own once libbpf's program is gone. */
    private int ownFd = -1;

    BpfProgram(BpfObject owner, MemorySegment handle) {
        this.owner = owner;
        this.handle = handle;
        this.name = Libbpf.programName(handle);
        this.sectionName = Libbpf.programSectionName(handle);
    }

    /** The C function name. */
    public String name() {
        return name;
    }

    /** The ELF section, e.g. {@code tp_btf/sys_enter}; it tells libbpf the type and attach point. */
    public String sectionName() {
        return sectionName;
    }

    /** Whether {@link BpfObject#load()} will load this program; switch off variants this kernel cannot run. */
    public void setAutoload(boolean autoload) {
        owner.requireNotLoaded("set autoload of program '" + name + "'");
        int rc = Libbpf.programSetAutoload(handle, autoload);
        if (rc < 0) {
            throw new IllegalStateException("bpf_program__set_autoload(" + name + "): " + Errno.name(-rc));
        }
    }

    public boolean autoload() {
        owner.requireLibbpf("read autoload of program '" + name + "'");
        return Libbpf.programAutoload(handle);
    }

    /**
     * Sets where a BTF-attached program (tp_btf, fentry, ...) goes, for a section that names no
     * point, e.g. plain {@code SEC("tp_btf")}: one program, retargeted before load.
     *
     * @param function a kernel function or, for tp_btf, a tracepoint name such as {@code sys_enter}
     */
    public void setAttachTarget(String function) throws BpfException {
        owner.requireNotLoaded("set attach target of program '" + name + "'");
        try (Arena arena = Arena.ofConfined()) {
            int rc = Libbpf.programSetAttachTarget(handle, 0, arena.allocateFrom(function));
            if (rc < 0) {
                throw new BpfException("set attach target of program '" + name + "' to " + function, -rc, null);
            }
        }
    }

    /** The kernel program's fd; negative when not loaded. */
    public int fd() {
        owner.requireOpen();
        return owner.isReleased() ? ownFd : Libbpf.programFd(handle);
    }

    /** Takes an fd of its own for the kernel's program (when loaded), before libbpf's object goes. */
    void release() throws BpfException {
        int fd = Libbpf.programFd(handle);
        if (fd >= 0 && ownFd < 0) {
            ownFd = Libc.dup(fd, "program '" + name + "'");
        }
    }

    /** Closes the program's own fd, if it took one (on undoing a release, or on the object's close). */
    void closeOwnFd() {
        if (ownFd >= 0) {
            Libc.close(ownFd);
            ownFd = -1;
        }
    }

    /**
     * Attaches where the section name says (tp_btf/, raw_tp/, tp/, kprobe/, fentry/, ...). The link
     * is owned by this process's fd, never pinned: if the JVM dies, the kernel detaches it.
     */
    public BpfLink attach() throws BpfException {
        owner.requireLoaded("attach program '" + name + "'");
        owner.requireLibbpf("attach program '" + name + "'");
        try (Arena arena = Arena.ofConfined(); LibbpfLog.Capture capture = LibbpfLog.capture()) {
            MemorySegment errno = arena.allocate(Libbpf.ERRNO_STATE);
            MemorySegment link = Libbpf.programAttach(errno, handle);
            if (link.address() == 0) {
                throw new BpfException("attach program '" + name + "' (" + sectionName + ")",
                        Libbpf.errno(errno), capture.text());
            }
            return new BpfLink(name, link);
        }
    }

    /**
     * Attaches a kprobe or kretprobe program (a section naming no function, {@code SEC("kprobe")})
     * to {@code function}, chosen at run time among the names a function had across kernels.
     */
    public BpfLink attachKprobe(String function) throws BpfException {
        owner.requireLoaded("attach program '" + name + "'");
        owner.requireLibbpf("attach program '" + name + "'");
        boolean retprobe = sectionName.startsWith("kretprobe");
        try (Arena arena = Arena.ofConfined(); LibbpfLog.Capture capture = LibbpfLog.capture()) {
            MemorySegment errno = arena.allocate(Libbpf.ERRNO_STATE);
            MemorySegment link = Libbpf.programAttachKprobe(errno, handle, retprobe, arena.allocateFrom(function));
            if (link.address() == 0) {
                throw new BpfException("attach program '" + name + "' (" + sectionName + ") to " + function,
                        Libbpf.errno(errno), capture.text());
            }
            return new BpfLink(name, link);
        }
    }

    /**
     * Runs the program once or more in the kernel with {@code ctxIn} (native, may be null) as its
     * context, on the calling CPU. For raw_tp programs the context is the tracepoint's arguments as an array of
     * u64 and {@code repeat} must be 0 (the kernel refuses repeats for them).
     */
    public TestRun testRun(MemorySegment ctxIn, int repeat) throws BpfException {
        return testRun(ctxIn, repeat, 0, -1);
    }

    /** Like {@link #testRun} but on the given CPU, for exercising per-CPU state (raw_tp supports it). */
    public TestRun testRunOnCpu(MemorySegment ctxIn, int cpu) throws BpfException {
        if (cpu < 0) {
            throw new IllegalArgumentException("cpu " + cpu);
        }
        return testRun(ctxIn, 0, BPF_F_TEST_RUN_ON_CPU, cpu);
    }

    private TestRun testRun(MemorySegment ctxIn, int repeat, int flags, int cpu) throws BpfException {
        owner.requireLoaded("test-run program '" + name + "'");
        int fd = fd();
        if (fd < 0) {
            throw new IllegalStateException("program '" + name + "' was not loaded (autoload off?)");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment opts = arena.allocate(TEST_RUN_OPTS_SIZE, 8);
            opts.set(JAVA_LONG, 0, TEST_RUN_OPTS_SIZE);
            if (ctxIn != null) {
                if (!ctxIn.isNative()) {
                    throw new IllegalArgumentException("test-run context must be a native segment: " + ctxIn);
                }
                opts.set(ADDRESS, CTX_IN, ctxIn);
                opts.set(JAVA_INT, CTX_SIZE_IN, Math.toIntExact(ctxIn.byteSize()));
            }
            opts.set(JAVA_INT, REPEAT, repeat);
            opts.set(JAVA_INT, FLAGS, flags);
            opts.set(JAVA_INT, CPU, Math.max(cpu, 0));
            int rc = Libbpf.progTestRunOpts(fd, opts);
            if (rc < 0) {
                throw new BpfException("test-run program '" + name + "'", -rc, null);
            }
            return new TestRun(opts.get(JAVA_INT, RETVAL), opts.get(JAVA_INT, DURATION));
        }
    }

    /**
     * The kernel's run count and run time of this program; both grow only while {@link BpfStats}
     * is enabled (by anyone on the machine).
     */
    public ProgramStats stats() throws BpfException {
        owner.requireLoaded("read statistics of program '" + name + "'");
        int fd = fd();
        if (fd < 0) {
            throw new IllegalStateException("program '" + name + "' was not loaded (autoload off?)");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = arena.allocate(PROG_INFO_SIZE, 8);
            MemorySegment length = arena.allocate(JAVA_INT);
            length.set(JAVA_INT, 0, PROG_INFO_SIZE);
            int rc = Libbpf.objGetInfoByFd(fd, info, length);
            if (rc < 0) {
                throw new BpfException("get info of program '" + name + "'", -rc, null);
            }
            // an older kernel fills less: its struct ends before the statistics
            if (length.get(JAVA_INT, 0) < RUN_CNT + Long.BYTES) {
                return new ProgramStats(0, 0);
            }
            return new ProgramStats(info.get(JAVA_LONG, RUN_TIME_NS), info.get(JAVA_LONG, RUN_CNT));
        }
    }

    @Override
    public String toString() {
        return "BpfProgram[" + name + " in " + sectionName + "]";
    }
}
