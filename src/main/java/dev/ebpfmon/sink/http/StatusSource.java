package dev.ebpfmon.sink.http;

import java.util.List;

/** Where {@code GET /api/v1/modules} reads from; called from HTTP threads, so it must be thread-safe. */
@FunctionalInterface
public interface StatusSource {
    List<ModuleRow> modules();
}
