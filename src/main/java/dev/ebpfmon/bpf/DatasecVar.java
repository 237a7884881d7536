package dev.ebpfmon.bpf;

import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Optional;

/**
 * A global variable's place inside a data section (such as {@code .rodata}), read from the BPF
 * object's BTF, whose offsets libbpf fixes up from the ELF symbols while opening.
 */
@SuppressWarnings("restricted") // this package is the project's one native boundary
record DatasecVar(String name, int offset, int size) {
    private static final int BTF_KIND_DATASEC = 15;
    /** {@code struct btf_type}: name_off, info, size/type. */
    private static final int BTF_TYPE_SIZE = 12;
    /** {@code struct btf_var_secinfo}: type, offset, size. */
    private static final int SECINFO_SIZE = 12;

    static Optional<DatasecVar> find(MemorySegment btf, String section, String name) {
        int sectionId;
        try (Arena arena = Arena.ofConfined()) {
            sectionId = Libbpf.btfFindByNameKind(btf, arena.allocateFrom(section), BTF_KIND_DATASEC);
        }
        if (sectionId <= 0) {
            return Optional.empty();
        }
        MemorySegment datasec = Libbpf.btfTypeById(btf, sectionId).reinterpret(BTF_TYPE_SIZE);
        int vlen = datasec.get(JAVA_INT_UNALIGNED, 4) & 0xffff;
        // the secinfo entries follow the btf_type header directly
        datasec = datasec.reinterpret(BTF_TYPE_SIZE + (long) SECINFO_SIZE * vlen);
        for (int i = 0; i < vlen; i++) {
            long entry = BTF_TYPE_SIZE + (long) SECINFO_SIZE * i;
            int varTypeId = datasec.get(JAVA_INT_UNALIGNED, entry);
            MemorySegment var = Libbpf.btfTypeById(btf, varTypeId).reinterpret(BTF_TYPE_SIZE);
            if (name.equals(Libbpf.btfNameByOffset(btf, var.get(JAVA_INT_UNALIGNED, 0)))) {
                return Optional.of(new DatasecVar(name, datasec.get(JAVA_INT_UNALIGNED, entry + 4),
                        datasec.get(JAVA_INT_UNALIGNED, entry + 8)));
            }
        }
        return Optional.empty();
    }
}
