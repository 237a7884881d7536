package dev.ebpfmon.sink.http;

import static dev.ebpfmon.sink.http.TestAgent.START;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.chart.LiveTable;
import dev.ebpfmon.chart.LiveTable.Column;
import dev.ebpfmon.chart.LiveTable.Kind;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /api/v1/connections: the latest live table of that id, as JSON; 404 while nothing publishes one. */
class AgentServerConnectionsTest {
    static LiveTable table(int updateEvery) {
        return new LiveTable("connections", "Network connections",
                List.of(new Column("pid", "PID", Kind.NUMBER), new Column("remote", "Remote", Kind.TEXT),
                        new Column("sent_rate", "Sent/s", Kind.BYTES_PER_SECOND)),
                List.of(List.of(42L, "10.0.0.2:5001", 1536.5), List.of(7L, "[fd00::2]:443", 0.0)),
                List.of("maximum dimensions reached"), updateEvery);
    }

    @Test
    void theLatestTableIsServedAsJson(@TempDir Path dir) throws Exception {
        try (TestAgent agent = new TestAgent(dir, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            HttpResponse<String> none = agent.get("/api/v1/connections");
            assertThat(none.statusCode()).isEqualTo(404);
            assertThat(none.body()).contains("no live table 'connections'");

            agent.history.keepTables(START + 9, List.of(table(1)));
            HttpResponse<String> r = agent.get("/api/v1/connections");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(r.body()).isEqualTo("{\"id\":\"connections\",\"title\":\"Network connections\",\"update_every\":1,"
                    + "\"updated\":" + (START + 9) + ",\"columns\":[{\"id\":\"pid\",\"title\":\"PID\",\"kind\":\"number\"},"
                    + "{\"id\":\"remote\",\"title\":\"Remote\",\"kind\":\"text\"},"
                    + "{\"id\":\"sent_rate\",\"title\":\"Sent/s\",\"kind\":\"bytes_per_second\"}],"
                    + "\"rows\":[[42,\"10.0.0.2:5001\",1536.5],[7,\"[fd00::2]:443\",0.0]],"
                    + "\"notes\":[\"maximum dimensions reached\"]}");
        }
    }

    @Test
    void aTableNotRenewedForThreeIntervalsIsGone(@TempDir Path dir) throws Exception {
        try (TestAgent agent = new TestAgent(dir, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            agent.history.keepTables(START + 9 - 4, List.of(table(1))); // the history's newest second is START + 9
            assertThat(agent.get("/api/v1/connections").statusCode()).isEqualTo(404);
            agent.history.keepTables(START + 9 - 3, List.of(table(1)));
            assertThat(agent.get("/api/v1/connections").statusCode()).isEqualTo(200);
        }
    }
}
