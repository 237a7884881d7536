package dev.ebpfmon.kernel;

/** Whether one attach kind works on this kernel, and if not, the kernel's own answer. */
public record AttachSupport(AttachKind kind, boolean works, String reason) {
    static AttachSupport working(AttachKind kind) {
        return new AttachSupport(kind, true, "");
    }

    static AttachSupport failing(AttachKind kind, String reason) {
        return new AttachSupport(kind, false, reason);
    }
}
