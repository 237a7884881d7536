package dev.ebpfmon.sink.http;

import static dev.ebpfmon.sink.http.TestAgent.START;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentServerApiTest {
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

    private static void assertJsonError(HttpResponse<String> response, int status, String fragment) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).startsWith("{\"error\":\"").contains(fragment);
    }

    @Test
    void infoDescribesTheAgentAndItsHistory() throws Exception {
        HttpResponse<String> r = agent.get("/api/v1/info");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(r.body()).isEqualTo("{\"version\":\"0.1.0-test\",\"hostname\":\"testhost\",\"update_every\":1,"
                + "\"history\":120,\"history_memory_bytes\":" + agent.history.memoryBytes() + ",\"charts_count\":1,"
                + "\"modules\":[{\"name\":\"fd\",\"title\":\"File descriptors\",\"order\":2}]}");
        assertThat(agent.history.memoryBytes()).isGreaterThanOrEqualTo(2 * 120 * 8);
    }

    @Test
    void chartsHaveNetdatasShape() throws Exception {
        HttpResponse<String> r = agent.get("/api/v1/charts");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"hostname\":\"testhost\",\"version\":\"0.1.0-test\",\"update_every\":1,"
                + "\"history\":120,\"charts\":{\"filesystem.vfs_io\":{\"id\":\"filesystem.vfs_io\","
                + "\"name\":\"filesystem.vfs_io\",\"type\":\"filesystem\",\"family\":\"vfs\","
                + "\"context\":\"filesystem.vfs_io\",\"title\":\"VFS calls\",\"units\":\"calls/s\","
                + "\"chart_type\":\"stacked\",\"priority\":2000,\"update_every\":1,\"plugin\":\"ebpf.plugin\","
                + "\"module\":\"vfs\",\"dimensions\":{\"read\":{\"name\":\"read\"},\"write\":{\"name\":\"write\"}},"
                + "\"first_entry\":" + START + ",\"last_entry\":" + (START + 9) + "}}}");
    }

    @Test
    void dataGivesRowsOldestFirstWithNullForUnknownValues() throws Exception {
        HttpResponse<String> r = agent.get("/api/v1/data?chart=filesystem.vfs_io&after=" + (START + 4)
                + "&before=" + (START + 6));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"chart\":\"filesystem.vfs_io\",\"labels\":[\"time\",\"read\",\"write\"],"
                + "\"data\":[[" + (START + 4) + ",10.0,-4.0],[" + (START + 5) + ",10.0,null],["
                + (START + 6) + ",10.0,-24.0]]}");
    }

    @Test
    void dataTakesRelativeRangesAndFewerPoints() throws Exception {
        assertThat(agent.get("/api/v1/data?chart=filesystem.vfs_io&after=-3").body())
                .endsWith("\"data\":[[" + (START + 7) + ",10.0,-4.0],[" + (START + 8) + ",10.0,-4.0],["
                        + (START + 9) + ",10.0,-4.0]]}");
        // Seconds 6..9 in groups of 2 aligned to even seconds: (6,7) and (8,9).
        assertThat(agent.get("/api/v1/data?chart=filesystem.vfs_io&after=-4&before=0&points=2").body())
                .endsWith("\"data\":[[" + (START + 7) + ",10.0,-14.0],[" + (START + 9) + ",10.0,-4.0]]}");
        // The whole history by default (Netdata's last 600 s), first second's rates unknown.
        assertThat(agent.get("/api/v1/data?chart=filesystem.vfs_io").body())
                .contains("\"data\":[[" + START + ",null,null],[" + (START + 1) + ",10.0,-4.0]");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "chart=nope.nothing                          | unknown chart 'nope.nothing'",
        "after=-60                                   | parameter 'chart' is required",
        "chart=filesystem.vfs_io&after=soon          | parameter 'after' must be a whole number",
        "chart=filesystem.vfs_io&before=1.5          | parameter 'before' must be a whole number",
        "chart=filesystem.vfs_io&points=0            | parameter 'points' must be at least 1",
        "chart=filesystem.vfs_io&points=-5           | parameter 'points' must be at least 1",
        "chart=filesystem.vfs_io&points=many         | parameter 'points' must be a whole number",
        "chart=filesystem.vfs_io&after=1700000009&before=1700000001 | parameter 'after' (1700000009) is later than 'before'",
        "chart=filesystem.vfs_io&after=1700000009&before=-5 | later than it ends",
        "chart=filesystem.vfs_io&chart=other         | parameter 'chart' is given more than once",
        "chart=%C3%28                                | does not decode to UTF-8",
    })
    void dataRefusesBadParametersWith400(String query, String message) throws Exception {
        assertJsonError(agent.get("/api/v1/data?" + query), 400, message);
    }

    @Test
    void brokenEscapesAndHugeQueriesAre400() throws Exception {
        // The JDK refuses an invalid URI itself, before any handler; still a 400.
        assertThat(RawHttp.status(RawHttp.get(agent.server.address(), "/api/v1/data?chart=%zz"))).isEqualTo(400);
        assertThat(RawHttp.status(RawHttp.get(agent.server.address(), "/api/v1/data?chart=%4"))).isEqualTo(400);
        String huge = "x".repeat(QueryString.MAX_LENGTH + 1);
        assertJsonError(agent.get("/api/v1/data?chart=" + huge), 400, "longer than 8192");
        assertJsonError(agent.get("/dashboard/" + huge), 400, "longer than 8192");
    }

    @Test
    void modulesListsTheRows() throws Exception {
        HttpResponse<String> r = agent.get("/api/v1/modules");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("{\"modules\":[{\"module\":\"fd\",\"state\":\"running\",\"how\":\"tracepoint\","
                + "\"reason\":\"\",\"enabled\":true},{\"module\":\"vfs\"");
    }

    private static HttpRequest.Builder post(String pathAndQuery, String body) {
        return HttpRequest.newBuilder(agent.uri(pathAndQuery)).POST(HttpRequest.BodyPublishers.ofString(body));
    }

    @Test
    void changingAModuleNeedsTheToken() throws Exception {
        HttpResponse<String> none = agent.send(post("/api/v1/modules/fd?enabled=false", ""));
        assertJsonError(none, 401, "Authorization: Bearer");
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertJsonError(agent.send(post("/api/v1/modules/fd?enabled=false", "")
                .header("Authorization", "Bearer " + "0".repeat(64))), 401, "token");
        assertJsonError(agent.send(post("/api/v1/modules/fd?enabled=false", "")
                .header("Authorization", "Basic " + agent.token())), 401, "token");
        // A wrong token does not learn whether a module exists.
        assertJsonError(agent.send(post("/api/v1/modules/nope?enabled=false", "")), 401, "token");
        assertThat(agent.get("/api/v1/modules").body()).contains("{\"module\":\"fd\",\"state\":\"running\"");
    }

    @Test
    void changingAModuleWithTheTokenAnswersItsNewRow() throws Exception {
        String auth = "Bearer " + agent.token();
        HttpResponse<String> off = agent.send(post("/api/v1/modules/vfs?enabled=false", "").header("Authorization", auth));
        assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
        assertThat(off.body()).isEqualTo("{\"module\":\"vfs\",\"state\":\"disabled\",\"how\":\"\","
                + "\"reason\":\"disabled through the API\",\"enabled\":false}");
        assertThat(agent.get("/api/v1/modules").body()).contains("{\"module\":\"vfs\",\"state\":\"disabled\"");

        HttpResponse<String> form = agent.send(post("/api/v1/modules/vfs", "enabled=true")
                .header("Authorization", auth).header("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(form.body()).contains("\"enabled\":true");
        HttpResponse<String> json = agent.send(post("/api/v1/modules/vfs", "{\"other\":[1,{}],\"enabled\": false}")
                .header("Authorization", auth).header("Content-Type", "application/json"));
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.body()).contains("\"enabled\":false");
        agent.send(post("/api/v1/modules/vfs?enabled=true", "").header("Authorization", auth));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/api/v1/modules/nope?enabled=true | ''                  | 404 | unknown module 'nope'",
        "/api/v1/modules/fd                | ''                  | 400 | parameter 'enabled' is required",
        "/api/v1/modules/fd?enabled=yes    | ''                  | 400 | must be true or false, not 'yes'",
        "/api/v1/modules/fd                | '{\"enabled\":1}'   | 400 | 'enabled' must be true or false",
        "/api/v1/modules/fd                | '{\"enabled\":'     | 400 | not valid JSON",
        "/api/v1/modules/fd                | '{}'                | 400 | parameter 'enabled' is required",
        "/api/v1/modules/fd/extra?enabled=true | ''              | 404 | no API endpoint",
    })
    void badModuleChangesAreRefused(String target, String body, int status, String message) throws Exception {
        assertJsonError(agent.send(post(target, body).header("Authorization", "Bearer " + agent.token())),
                status, message);
    }

    @Test
    void hugeBodiesAreRefused() throws Exception {
        String body = "enabled=true&" + "x=" + "y".repeat(5000);
        assertJsonError(agent.send(post("/api/v1/modules/fd", body).header("Authorization", "Bearer " + agent.token())),
                413, "larger than 4096");
    }

    @Test
    void metricsDelegateWithTheAcceptHeader() throws Exception {
        String openMetrics = "application/openmetrics-text;version=1.0.0,text/plain;q=0.5";
        HttpResponse<String> r = agent.send(HttpRequest.newBuilder(agent.uri("/metrics")).header("Accept", openMetrics));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(r.body()).isEqualTo("ebpfmon_test 1\n");
        synchronized (agent.acceptHeaders) {
            assertThat(agent.acceptHeaders).contains(openMetrics);
        }
        assertThat(agent.get("/metrics").headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
    }

    @Test
    void unknownPathsAndWrongMethodsAreJsonErrors() throws Exception {
        assertJsonError(agent.get("/api/v2/everything"), 404, "no API endpoint /api/v2/everything");
        assertJsonError(agent.get("/api/v1/nothing"), 404, "no API endpoint");
        assertJsonError(agent.get("/no/such/page.html"), 404, "no such file");
        HttpResponse<String> postInfo = agent.send(post("/api/v1/info", "x"));
        assertJsonError(postInfo, 405, "method POST is not allowed here; use GET");
        assertThat(postInfo.headers().firstValue("Allow")).hasValue("GET");
        HttpResponse<String> getModule = agent.get("/api/v1/modules/fd");
        assertJsonError(getModule, 405, "use POST");
        assertThat(getModule.headers().firstValue("Allow")).hasValue("POST");
        assertJsonError(agent.send(HttpRequest.newBuilder(agent.uri("/api/v1/charts")).DELETE()), 405, "DELETE");
    }

    @Test
    void aForeignHostNameIsRefusedOnLoopback() throws Exception {
        String rebound = RawHttp.exchange(agent.server.address(),
                "GET /api/v1/info HTTP/1.1\r\nHost: attacker.example:19998\r\nConnection: close\r\n\r\n");
        assertThat(RawHttp.status(rebound)).isEqualTo(403);
        assertThat(rebound).contains("not a loopback name");
        for (String host : new String[] {"localhost:19998", "127.0.0.1", "[::1]:19998", "LOCALHOST"}) {
            String ok = RawHttp.exchange(agent.server.address(),
                    "GET /api/v1/info HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
            assertThat(RawHttp.status(ok)).as(host).isEqualTo(200);
        }
    }

    @Test
    void encodedParametersAreDecoded() throws Exception {
        String chart = URLEncoder.encode("filesystem.vfs_io", StandardCharsets.UTF_8).replace(".", "%2E");
        assertThat(agent.get("/api/v1/data?chart=" + chart + "&after=-1").statusCode()).isEqualTo(200);
    }
}
