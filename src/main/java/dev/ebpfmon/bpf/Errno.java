package dev.ebpfmon.bpf;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** errno numbers this package reacts to, and errno → name/text for messages. */
final class Errno {
    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int E2BIG = 7;
    static final int EINVAL = 22;
    static final int ENOSPC = 28;
    static final int EOPNOTSUPP = 95;
    /** Kernel-internal, yet returned by bpf(2) for unsupported operations. */
    static final int ENOTSUPP = 524;

    private Errno() {}

    /** True for the answers a kernel gives to a bpf command or map operation it does not implement. */
    static boolean unsupported(int errno) {
        return errno == EINVAL || errno == EOPNOTSUPP || errno == ENOTSUPP;
    }

    static String name(int errno) {
        return switch (errno) {
            case 0 -> "0";
            case EPERM -> "EPERM";
            case ENOENT -> "ENOENT";
            case 3 -> "ESRCH";
            case 4 -> "EINTR";
            case 5 -> "EIO";
            case 6 -> "ENXIO";
            case E2BIG -> "E2BIG";
            case 8 -> "ENOEXEC";
            case 9 -> "EBADF";
            case 11 -> "EAGAIN";
            case 12 -> "ENOMEM";
            case 13 -> "EACCES";
            case 14 -> "EFAULT";
            case 16 -> "EBUSY";
            case 17 -> "EEXIST";
            case 19 -> "ENODEV";
            case EINVAL -> "EINVAL";
            case 24 -> "EMFILE";
            case ENOSPC -> "ENOSPC";
            case 34 -> "ERANGE";
            case 38 -> "ENOSYS";
            case 40 -> "ELOOP";
            case EOPNOTSUPP -> "EOPNOTSUPP";
            case ENOTSUPP -> "ENOTSUPP";
            case 4000 -> "LIBBPF_ERRNO__LIBELF";
            case 4001 -> "LIBBPF_ERRNO__FORMAT";
            case 4002 -> "LIBBPF_ERRNO__KVERSION";
            case 4003 -> "LIBBPF_ERRNO__ENDIAN";
            case 4004 -> "LIBBPF_ERRNO__INTERNAL";
            case 4005 -> "LIBBPF_ERRNO__RELOC";
            case 4006 -> "LIBBPF_ERRNO__LOAD";
            case 4007 -> "LIBBPF_ERRNO__VERIFY";
            case 4008 -> "LIBBPF_ERRNO__PROG2BIG";
            case 4009 -> "LIBBPF_ERRNO__KVER";
            case 4010 -> "LIBBPF_ERRNO__PROGTYPE";
            default -> "errno " + errno;
        };
    }

    /** libbpf_strerror: libc's text for errno, libbpf's own for its 4000+ codes. */
    static String text(int errno) {
        if (errno == ENOTSUPP) {
            return "Operation not supported by this kernel";
        }
        if (!Bpf.available()) {
            return name(errno);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(256);
            Libbpf.strerror(errno, buf);
            return buf.getString(0);
        }
    }
}
