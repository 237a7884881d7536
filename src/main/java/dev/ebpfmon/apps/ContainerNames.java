package dev.ebpfmon.apps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Container names from the runtimes' own files, read only when a container is first named.
 * Docker keeps {@code "Name": "/web"} in {@code <docker>/containers/<id>/config.v2.json};
 * podman (through containers/storage) lists {@code {"id": ..., "names": [...]}} in
 * {@code <storage>/overlay-containers/containers.json}. containerd and CRI-O keep names in
 * databases or behind their APIs, so their containers keep short ids. Missing or unreadable
 * files are normal (rootless podman, other storage drivers): the caller falls back to the id.
 */
final class ContainerNames {

    private final Path dockerRoot;
    private final Path podmanStorage;

    ContainerNames(Path dockerRoot, Path podmanStorage) {
        this.dockerRoot = dockerRoot;
        this.podmanStorage = podmanStorage;
    }

    Optional<String> docker(String id) {
        Object json = read(dockerRoot.resolve("containers").resolve(id).resolve("config.v2.json"));
        if (json instanceof Map<?, ?> m && m.get("Name") instanceof String name) {
            String clean = name.startsWith("/") ? name.substring(1) : name;
            return clean.isEmpty() ? Optional.empty() : Optional.of(clean);
        }
        return Optional.empty();
    }

    Optional<String> podman(String id) {
        Object json = read(podmanStorage.resolve("overlay-containers").resolve("containers.json"));
        if (json instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m && id.equals(m.get("id")) && m.get("names") instanceof List<?> names
                        && !names.isEmpty() && names.getFirst() instanceof String name && !name.isEmpty()) {
                    return Optional.of(name);
                }
            }
        }
        return Optional.empty();
    }

    private static Object read(Path file) {
        try {
            return TinyJson.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | TinyJson.JsonException | RuntimeException e) {
            return null; // no such container file, or one being rewritten: name it by id
        }
    }
}
