package dev.ebpfmon.bpf;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;

/**
 * The libbpf 1.x functions ebpfmon calls, one downcall handle each, invoked exactly.
 *
 * <p>libbpf 1.x returns {@code -errno} from int-returning calls, so those need no errno capture.
 * Pointer-returning calls return NULL and leave the error in {@code errno}, which the JVM may
 * clobber before Java could read it: those handles capture errno into a caller-provided segment
 * of layout {@link #ERRNO_STATE}.
 */
@SuppressWarnings("restricted") // this package is the project's one native boundary
final class Libbpf {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    static final StructLayout ERRNO_STATE = Linker.Option.captureStateLayout();
    private static final long ERRNO_OFFSET =
            ERRNO_STATE.byteOffset(MemoryLayout.PathElement.groupElement("errno"));

    private static final MethodHandle OBJECT_OPEN_MEM = handle("bpf_object__open_mem",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, ADDRESS), CAPTURE_ERRNO);
    private static final MethodHandle OBJECT_LOAD = handle("bpf_object__load", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle OBJECT_CLOSE = handle("bpf_object__close", FunctionDescriptor.ofVoid(ADDRESS));
    private static final MethodHandle OBJECT_NEXT_PROGRAM = handle("bpf_object__next_program", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
    private static final MethodHandle OBJECT_NEXT_MAP = handle("bpf_object__next_map", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
    private static final MethodHandle OBJECT_BTF = handle("bpf_object__btf", FunctionDescriptor.of(ADDRESS, ADDRESS));

    private static final MethodHandle PROGRAM_NAME = handle("bpf_program__name", FunctionDescriptor.of(ADDRESS, ADDRESS));
    private static final MethodHandle PROGRAM_SECTION_NAME = handle("bpf_program__section_name", FunctionDescriptor.of(ADDRESS, ADDRESS));
    private static final MethodHandle PROGRAM_AUTOLOAD = handle("bpf_program__autoload", FunctionDescriptor.of(JAVA_BOOLEAN, ADDRESS));
    private static final MethodHandle PROGRAM_SET_AUTOLOAD = handle("bpf_program__set_autoload", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_BOOLEAN));
    private static final MethodHandle PROGRAM_FD = handle("bpf_program__fd", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle PROGRAM_SET_ATTACH_TARGET = handle("bpf_program__set_attach_target",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
    private static final MethodHandle PROGRAM_ATTACH = handle("bpf_program__attach",
            FunctionDescriptor.of(ADDRESS, ADDRESS), CAPTURE_ERRNO);
    private static final MethodHandle PROGRAM_ATTACH_KPROBE = handle("bpf_program__attach_kprobe",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_BOOLEAN, ADDRESS), CAPTURE_ERRNO);
    private static final MethodHandle LINK_DESTROY = handle("bpf_link__destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle LINK_FD = handle("bpf_link__fd", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle ITER_CREATE = handle("bpf_iter_create", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private static final MethodHandle MAP_NAME = handle("bpf_map__name", FunctionDescriptor.of(ADDRESS, ADDRESS));
    private static final MethodHandle MAP_TYPE = handle("bpf_map__type", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle MAP_KEY_SIZE = handle("bpf_map__key_size", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle MAP_VALUE_SIZE = handle("bpf_map__value_size", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle MAP_MAX_ENTRIES = handle("bpf_map__max_entries", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle MAP_SET_MAX_ENTRIES = handle("bpf_map__set_max_entries", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle MAP_SET_VALUE_SIZE = handle("bpf_map__set_value_size", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle MAP_FD = handle("bpf_map__fd", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle MAP_REUSE_FD = handle("bpf_map__reuse_fd", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle MAP_INITIAL_VALUE = handle("bpf_map__initial_value", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
    private static final MethodHandle MAP_IS_INTERNAL = handle("bpf_map__is_internal", FunctionDescriptor.of(JAVA_BOOLEAN, ADDRESS));

    private static final MethodHandle BTF_FIND_BY_NAME_KIND = handle("btf__find_by_name_kind", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    private static final MethodHandle BTF_TYPE_BY_ID = handle("btf__type_by_id", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT));
    private static final MethodHandle BTF_NAME_BY_OFFSET = handle("btf__name_by_offset", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT));

    private static final MethodHandle MAP_LOOKUP_ELEM = handle("bpf_map_lookup_elem", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle MAP_UPDATE_ELEM = handle("bpf_map_update_elem", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG));
    private static final MethodHandle MAP_DELETE_ELEM = handle("bpf_map_delete_elem", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle MAP_GET_NEXT_KEY = handle("bpf_map_get_next_key", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle MAP_LOOKUP_BATCH = handle("bpf_map_lookup_batch",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    private static final MethodHandle MAP_DELETE_BATCH = handle("bpf_map_delete_batch",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
    private static final MethodHandle PROG_TEST_RUN_OPTS = handle("bpf_prog_test_run_opts", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));

    private static final MethodHandle OBJ_GET_INFO_BY_FD = handle("bpf_obj_get_info_by_fd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle ENABLE_STATS = handle("bpf_enable_stats", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private static final MethodHandle NUM_POSSIBLE_CPUS = handle("libbpf_num_possible_cpus", FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle SET_PRINT = handle("libbpf_set_print", FunctionDescriptor.of(ADDRESS, ADDRESS));
    private static final MethodHandle STRERROR = handle("libbpf_strerror", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG));

    static final int POSSIBLE_CPUS;

    static {
        // libbpf prints to stderr until told otherwise; route it before the first object opens.
        try {
            MemorySegment stderrPrinter = (MemorySegment) SET_PRINT.invokeExact(LibbpfLog.upcall());
        } catch (Throwable t) {
            throw new ExceptionInInitializerError(t);
        }
        POSSIBLE_CPUS = numPossibleCpus();
    }

    private Libbpf() {}

    private static MethodHandle handle(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment symbol = Bpf.library().find(name).orElseThrow(() -> new IllegalStateException(
                Bpf.LIBRARY + " has no " + name + ": libbpf >= 1.0 is required"));
        return LINKER.downcallHandle(symbol, descriptor, options);
    }

    static int errno(MemorySegment errnoState) {
        return errnoState.get(JAVA_INT, ERRNO_OFFSET);
    }

    /** The handles cannot throw checked exceptions; anything else is a bug worth propagating as is. */
    private static RuntimeException fail(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }

    static MemorySegment objectOpenMem(MemorySegment errno, MemorySegment buf, long size, MemorySegment opts) {
        try { return (MemorySegment) OBJECT_OPEN_MEM.invokeExact(errno, buf, size, opts); } catch (Throwable t) { throw fail(t); }
    }

    static int objectLoad(MemorySegment obj) {
        try { return (int) OBJECT_LOAD.invokeExact(obj); } catch (Throwable t) { throw fail(t); }
    }

    static void objectClose(MemorySegment obj) {
        try { OBJECT_CLOSE.invokeExact(obj); } catch (Throwable t) { throw fail(t); }
    }

    static MemorySegment objectNextProgram(MemorySegment obj, MemorySegment prev) {
        try { return (MemorySegment) OBJECT_NEXT_PROGRAM.invokeExact(obj, prev); } catch (Throwable t) { throw fail(t); }
    }

    static MemorySegment objectNextMap(MemorySegment obj, MemorySegment prev) {
        try { return (MemorySegment) OBJECT_NEXT_MAP.invokeExact(obj, prev); } catch (Throwable t) { throw fail(t); }
    }

    static MemorySegment objectBtf(MemorySegment obj) {
        try { return (MemorySegment) OBJECT_BTF.invokeExact(obj); } catch (Throwable t) { throw fail(t); }
    }

    static String programName(MemorySegment prog) {
        try { return cString((MemorySegment) PROGRAM_NAME.invokeExact(prog)); } catch (Throwable t) { throw fail(t); }
    }

    static String programSectionName(MemorySegment prog) {
        try { return cString((MemorySegment) PROGRAM_SECTION_NAME.invokeExact(prog)); } catch (Throwable t) { throw fail(t); }
    }

    static boolean programAutoload(MemorySegment prog) {
        try { return (boolean) PROGRAM_AUTOLOAD.invokeExact(prog); } catch (Throwable t) { throw fail(t); }
    }

    static int programSetAutoload(MemorySegment prog, boolean autoload) {
        try { return (int) PROGRAM_SET_AUTOLOAD.invokeExact(prog, autoload); } catch (Throwable t) { throw fail(t); }
    }

    static int programFd(MemorySegment prog) {
        try { return (int) PROGRAM_FD.invokeExact(prog); } catch (Throwable t) { throw fail(t); }
    }

    static int programSetAttachTarget(MemorySegment prog, int attachProgFd, MemorySegment function) {
        try { return (int) PROGRAM_SET_ATTACH_TARGET.invokeExact(prog, attachProgFd, function); } catch (Throwable t) { throw fail(t); }
    }

    static MemorySegment programAttachKprobe(MemorySegment errno, MemorySegment prog, boolean retprobe,
            MemorySegment function) {
        try {
            return (MemorySegment) PROGRAM_ATTACH_KPROBE.invokeExact(errno, prog, retprobe, function);
        } catch (Throwable t) {
            throw fail(t);
        }
    }

    static MemorySegment programAttach(MemorySegment errno, MemorySegment prog) {
        try { return (MemorySegment) PROGRAM_ATTACH.invokeExact(errno, prog); } catch (Throwable t) { throw fail(t); }
    }

    static int linkDestroy(MemorySegment link) {
        try { return (int) LINK_DESTROY.invokeExact(link); } catch (Throwable t) { throw fail(t); }
    }

    static int linkFd(MemorySegment link) {
        try { return (int) LINK_FD.invokeExact(link); } catch (Throwable t) { throw fail(t); }
    }

    /** @return a new fd reading the iterator's output, or -errno */
    static int iterCreate(int linkFd) {
        try { return (int) ITER_CREATE.invokeExact(linkFd); } catch (Throwable t) { throw fail(t); }
    }

    static String mapName(MemorySegment map) {
        try { return cString((MemorySegment) MAP_NAME.invokeExact(map)); } catch (Throwable t) { throw fail(t); }
    }

    static int mapType(MemorySegment map) {
        try { return (int) MAP_TYPE.invokeExact(map); } catch (Throwable t) { throw fail(t); }
    }

    static int mapKeySize(MemorySegment map) {
        try { return (int) MAP_KEY_SIZE.invokeExact(map); } catch (Throwable t) { throw fail(t); }
    }

    static int mapValueSize(MemorySegment map) {
        try { return (int) MAP_VALUE_SIZE.invokeExact(map); } catch (Throwable t) { throw fail(t); }
    }

    static int mapMaxEntries(MemorySegment map) {
        try { return (int) MAP_MAX_ENTRIES.invokeExact(map); } catch (Throwable t) { throw fail(t); }
    }

    static int mapSetMaxEntries(MemorySegment map, int maxEntries) {
        try { return (int) MAP_SET_MAX_ENTRIES.invokeExact(map, maxEntries); } catch (Throwable t) { throw fail(t); }
    }

    static int mapSetValueSize(MemorySegment map, int size) {
        try { return (int) MAP_SET_VALUE_SIZE.invokeExact(map, size); } catch (Throwable t) { throw fail(t); }
    }

    static int mapFd(MemorySegment map) {
        try { return (int) MAP_FD.invokeExact(map); } catch (Throwable t) { throw fail(t); }
    }

    static int mapReuseFd(MemorySegment map, int fd) {
        try { return (int) MAP_REUSE_FD.invokeExact(map, fd); } catch (Throwable t) { throw fail(t); }
    }

    static MemorySegment mapInitialValue(MemorySegment map, MemorySegment sizeOut) {
        try { return (MemorySegment) MAP_INITIAL_VALUE.invokeExact(map, sizeOut); } catch (Throwable t) { throw fail(t); }
    }

    static boolean mapIsInternal(MemorySegment map) {
        try { return (boolean) MAP_IS_INTERNAL.invokeExact(map); } catch (Throwable t) { throw fail(t); }
    }

    static int btfFindByNameKind(MemorySegment btf, MemorySegment name, int kind) {
        try { return (int) BTF_FIND_BY_NAME_KIND.invokeExact(btf, name, kind); } catch (Throwable t) { throw fail(t); }
    }

    static MemorySegment btfTypeById(MemorySegment btf, int id) {
        try { return (MemorySegment) BTF_TYPE_BY_ID.invokeExact(btf, id); } catch (Throwable t) { throw fail(t); }
    }

    static String btfNameByOffset(MemorySegment btf, int offset) {
        try { return cString((MemorySegment) BTF_NAME_BY_OFFSET.invokeExact(btf, offset)); } catch (Throwable t) { throw fail(t); }
    }

    static int mapLookupElem(int fd, MemorySegment key, MemorySegment value) {
        try { return (int) MAP_LOOKUP_ELEM.invokeExact(fd, key, value); } catch (Throwable t) { throw fail(t); }
    }

    static int mapUpdateElem(int fd, MemorySegment key, MemorySegment value, long flags) {
        try { return (int) MAP_UPDATE_ELEM.invokeExact(fd, key, value, flags); } catch (Throwable t) { throw fail(t); }
    }

    static int mapDeleteElem(int fd, MemorySegment key) {
        try { return (int) MAP_DELETE_ELEM.invokeExact(fd, key); } catch (Throwable t) { throw fail(t); }
    }

    static int mapGetNextKey(int fd, MemorySegment key, MemorySegment nextKey) {
        try { return (int) MAP_GET_NEXT_KEY.invokeExact(fd, key, nextKey); } catch (Throwable t) { throw fail(t); }
    }

    static int mapLookupBatch(int fd, MemorySegment inBatch, MemorySegment outBatch, MemorySegment keys,
                              MemorySegment values, MemorySegment count, MemorySegment opts) {
        try {
            return (int) MAP_LOOKUP_BATCH.invokeExact(fd, inBatch, outBatch, keys, values, count, opts);
        } catch (Throwable t) { throw fail(t); }
    }

    static int mapDeleteBatch(int fd, MemorySegment keys, MemorySegment count, MemorySegment opts) {
        try { return (int) MAP_DELETE_BATCH.invokeExact(fd, keys, count, opts); } catch (Throwable t) { throw fail(t); }
    }

    static int progTestRunOpts(int fd, MemorySegment opts) {
        try { return (int) PROG_TEST_RUN_OPTS.invokeExact(fd, opts); } catch (Throwable t) { throw fail(t); }
    }

    static int objGetInfoByFd(int fd, MemorySegment info, MemorySegment infoLen) {
        try { return (int) OBJ_GET_INFO_BY_FD.invokeExact(fd, info, infoLen); } catch (Throwable t) { throw fail(t); }
    }

    static int enableStats(int type) {
        try { return (int) ENABLE_STATS.invokeExact(type); } catch (Throwable t) { throw fail(t); }
    }

    private static int numPossibleCpus() {
        try {
            int cpus = (int) NUM_POSSIBLE_CPUS.invokeExact();
            if (cpus <= 0) {
                throw new IllegalStateException("libbpf_num_possible_cpus failed: " + Errno.name(-cpus));
            }
            return cpus;
        } catch (Throwable t) { throw fail(t); }
    }

    static int strerror(int err, MemorySegment buf) {
        try { return (int) STRERROR.invokeExact(err, buf, buf.byteSize()); } catch (Throwable t) { throw fail(t); }
    }

    /** NUL-terminated C string owned by libbpf; copied at once because libbpf may free it later. */
    static String cString(MemorySegment p) {
        return p.address() == 0 ? null : p.reinterpret(Long.MAX_VALUE).getString(0);
    }
}
