import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The tests of one console-launcher run, from its Open Test Reporting event file
 * (junit-platform-events-*.xml): the legacy XML keeps report entries only as free text in
 * system-out, the event file keeps them as key/value elements.
 */
final class TestEvents {
    /**
     * One test (not a container).
     *
     * @param status  SUCCESSFUL, FAILED, ABORTED or SKIPPED
     * @param message the failure or abort message (up to four lines, joined), or the skip reason
     * @param entries every report entry the test published, later keys overriding earlier ones
     */
    record TestResult(String className, String name, String status, String message, Map<String, String> entries) {}

    private TestEvents() {}

    /** Every test of every event file in {@code dir}; empty when there is none. */
    static List<TestResult> read(Path dir) throws IOException {
        List<TestResult> all = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return all;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("junit-platform-events-")).sorted().toList()) {
                all.addAll(parse(f));
            }
        }
        return all;
    }

    private record Started(String name, String className, boolean test) {}

    static List<TestResult> parse(Path file) throws IOException {
        Document doc;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            doc = factory.newDocumentBuilder().parse(file.toFile());
        } catch (Exception e) {
            throw new IOException(file + ": not a readable event file: " + e.getMessage(), e);
        }
        Map<String, Started> started = new HashMap<>();
        Map<String, Map<String, String>> entries = new HashMap<>();
        List<TestResult> results = new ArrayList<>();
        NodeList events = doc.getDocumentElement().getChildNodes();
        for (int i = 0; i < events.getLength(); i++) {
            if (!(events.item(i) instanceof Element e)) {
                continue;
            }
            String id = e.getAttribute("id");
            switch (e.getLocalName()) {
                case "started" -> started.put(id, new Started(e.getAttribute("name"), className(e),
                        "TEST".equals(text(first(e, "type")))));
                case "reported" -> {
                    Map<String, String> m = entries.computeIfAbsent(id, k -> new LinkedHashMap<>());
                    for (Element entry : all(e, "entry")) {
                        m.put(entry.getAttribute("key"), entry.getTextContent());
                    }
                }
                case "finished" -> {
                    Started s = started.get(id);
                    if (s != null && s.test()) {
                        Element result = first(e, "result");
                        String status = result == null ? "UNKNOWN" : result.getAttribute("status");
                        results.add(new TestResult(s.className(), s.name(), status, reason(e),
                                entries.getOrDefault(id, Map.of())));
                    }
                }
                default -> { }
            }
        }
        return results;
    }

    private static String className(Element started) {
        for (String tag : List.of("methodSource", "classSource")) {
            Element source = first(started, tag);
            if (source != null) {
                return source.getAttribute("className");
            }
        }
        return "";
    }

    private static String reason(Element finished) {
        Element throwable = first(finished, "throwable");
        if (throwable != null) {
            // The message, which may span lines (AssertJ's do), without the stack trace.
            return String.join(" ", throwable.getTextContent().strip().lines()
                    .takeWhile(l -> !l.startsWith("\tat ")).map(String::strip).filter(l -> !l.isEmpty())
                    .limit(4).toList());
        }
        Element reason = first(finished, "reason");
        return reason == null ? "" : reason.getTextContent().strip();
    }

    private static Element first(Element parent, String localName) {
        List<Element> found = all(parent, localName);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> all(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getElementsByTagNameNS("*", localName);
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    private static String text(Node n) {
        return n == null ? "" : n.getTextContent().strip();
    }
}
