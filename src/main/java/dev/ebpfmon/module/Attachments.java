package dev.ebpfmon.module;

import dev.ebpfmon.kernel.AttachKind;
import java.util.Map;
import java.util.Optional;

/**
 * How the loader served a module's probe points in this load: per point, the kind of attachment
 * and the kernel function it went to, and for each optional point it had to leave out, why. A
 * module whose charts depend on it (a series exact on one kind, approximate on another, missing
 * without a point) reads it from {@link ModuleContext#attachments()}.
 *
 * @param loaded      false before loading (a chart catalog): then every point counts as served
 * @param served      point name to how it is served
 * @param unavailable optional point name to why no variant of it fits this kernel
 */
public record Attachments(boolean loaded, Map<String, Served> served, Map<String, String> unavailable) {
    /** Before loading: nothing known, every point assumed served the preferred way. */
    public static final Attachments NOT_LOADED = new Attachments(false, Map.of(), Map.of());

    /** One served point: the attach kind and, for a kernel function, the name this kernel has. */
    public record Served(AttachKind kind, Optional<String> function) {
        /** By a trampoline or a probe on a kernel function, not by a tracepoint. */
        public boolean onFunction() {
            return kind == AttachKind.TRAMPOLINE || kind == AttachKind.PROBE;
        }
    }

    public Attachments {
        served = Map.copyOf(served);
        unavailable = Map.copyOf(unavailable);
    }

    /** How the point is served; before loading, empty. */
    public Optional<Served> of(String point) {
        return Optional.ofNullable(served.get(point));
    }

    /** Whether the point is (or, before loading, may be taken to be) attached. */
    public boolean has(String point) {
        return !loaded || served.containsKey(point);
    }

    /** Whether the point is attached to a kernel function (before loading: assumed so). */
    public boolean onFunction(String point) {
        return !loaded || of(point).map(Served::onFunction).orElse(false);
    }
}
