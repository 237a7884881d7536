package dev.ebpfmon.sink.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentServerFilesTest {
    @TempDir
    static Path dir;
    static TestAgent agent;

    @BeforeAll
    static void start() throws Exception {
        agent = new TestAgent(dir, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterAll
    static void stop() {
        agent.close();
    }

    @Test
    void rootServesTheDashboardsIndex() throws Exception {
        HttpResponse<String> r = agent.get("/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(r.body()).contains("<title>test dashboard</title>");
        assertThat(agent.get("/index.html").body()).isEqualTo(r.body());
    }

    @Test
    void filesGetTheirContentTypes() throws Exception {
        HttpResponse<String> css = agent.get("/css/site.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        assertThat(css.body()).isEqualTo("body { color: black; }\n");
        HttpResponse<String> js = agent.get("/sub/app.js");
        assertThat(js.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(js.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void theChartLibraryComesFromItsWebjar() throws Exception {
        HttpResponse<String> css = agent.get("/webjars/uplot/dist/uPlot.min.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        assertThat(css.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(css.body()).contains(".uplot");

        byte[] original;
        try (InputStream in = getClass().getResourceAsStream(
                "/META-INF/resources/webjars/uplot/1.6.30/dist/uPlot.iife.min.js")) {
            original = in.readAllBytes();
        }
        HttpResponse<byte[]> zipped = agent.client.send(HttpRequest.newBuilder(
                        agent.uri("/webjars/uplot/dist/uPlot.iife.min.js")).header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zipped.statusCode()).isEqualTo(200);
        assertThat(zipped.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(zipped.body().length).isLessThan(original.length / 2);
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(zipped.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(original);
        }
        HttpResponse<byte[]> plain = agent.client.send(HttpRequest.newBuilder(
                agent.uri("/webjars/uplot/dist/uPlot.iife.min.js")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(plain.body()).isEqualTo(original);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/missing.html", "/css/", "/css", "/sub", "/notes.xyz",
        "/webjars/uplot/dist/nothing.js", "/webjars/uplot/", "/webjars/uplot/package.json.gz",
        "/dev/ebpfmon/sink/http/Router.class"})
    void missingFilesAndDirectoriesAre404(String path) throws Exception {
        HttpResponse<String> r = agent.get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(404);
        assertThat(r.body()).startsWith("{\"error\":");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../pom.xml", "/css/../index.html", "/%2e%2e/http-test-web/index.html",
        "/webjars/uplot/../../../../../dev/ebpfmon/sink/http/Router.class", "/webjars/uplot/%2E%2E/1.6.30/LICENSE.txt",
        "/./index.html", "/css//site.css", "/css%5c..%5cindex.html", "/a%00.html"})
    void pathsThatTryToLeaveTheFolderAre400(String path) throws Exception {
        // A raw socket, because HTTP clients tidy such paths up before sending them.
        String response = RawHttp.get(agent.server.address(), path);
        assertThat(RawHttp.status(response)).as(path).isEqualTo(400);
        assertThat(response).contains("{\"error\":");
    }
}
