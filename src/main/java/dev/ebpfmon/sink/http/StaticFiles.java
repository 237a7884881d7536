package dev.ebpfmon.sink.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Files served from a classpath folder: the dashboard from {@code web/}, the chart library from its
 * webjar. Only regular files with a known extension are served, so neither a directory listing nor
 * a class file can leak out.
 */
final class StaticFiles {
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain; charset=utf-8"));

    private final String root;
    private final ClassLoader loader;

    /** @param root a classpath folder without leading slash, ending in a slash: {@code web/} */
    StaticFiles(String root) {
        this.root = root;
        this.loader = StaticFiles.class.getClassLoader();
    }

    record File(byte[] body, String contentType) {}

    /**
     * @param relative the decoded path below the root, without leading slash; empty or ending in
     *                 a slash means that folder's {@code index.html}
     * @return empty when there is no such file
     * @throws HttpError 400 for a path that tries to leave the root
     */
    Optional<File> find(String relative) throws HttpError {
        String path = relative.isEmpty() || relative.endsWith("/") ? relative + "index.html" : relative;
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                throw HttpError.badRequest("'.' and '..' are not allowed in paths");
            }
            if (segment.isEmpty() || segment.indexOf('\\') >= 0 || segment.indexOf('\0') >= 0) {
                throw HttpError.badRequest("malformed path '/" + relative + "'");
            }
        }
        int dot = path.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(path.substring(dot + 1));
        if (type == null) {
            return Optional.empty();
        }
        URL url = loader.getResource(root + path);
        if (url == null || !isRegularFile(url)) {
            return Optional.empty();
        }
        try (InputStream in = url.openStream()) {
            return Optional.of(new File(in.readAllBytes(), type));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean isRegularFile(URL url) {
        try {
            return switch (url.getProtocol()) {
                case "file" -> Files.isRegularFile(Path.of(url.toURI()));
                case "jar" -> {
                    URLConnection c = url.openConnection();
                    yield c instanceof JarURLConnection jar && jar.getJarEntry() != null
                            && !jar.getJarEntry().isDirectory();
                }
                default -> false;
            };
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return false;
        }
    }
}
