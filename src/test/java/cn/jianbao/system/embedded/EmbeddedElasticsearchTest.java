package cn.jianbao.system.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the real Elasticsearch distribution unpacked by Maven. When run as root this also exercises the
 * switch to the unprivileged user.
 */
class EmbeddedElasticsearchTest {

    private static final String DEFAULT_HOME = "/work/main/target/elasticsearch/elasticsearch-8.19.21";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    @Timeout(180)
    void startsIndexesChineseAndStopsCompletely() throws Exception {
        Path home = Path.of(System.getProperty("jianbao.elasticsearch.embedded.home", DEFAULT_HOME));
        assertThat(home.resolve("bin/elasticsearch")).as("unpacked distribution (mvn generate-resources)").exists();

        List<ProcessHandle> processes = new ArrayList<>();
        URI uri;
        try (EmbeddedElasticsearch es = EmbeddedElasticsearch.start(home, dataDir)) {
            uri = es.uri();
            assertThat(uri.toString()).matches("http://127\\.0\\.0\\.1:\\d+");
            es.awaitReady(Duration.ofMinutes(2));
            assertThat(es.isAlive()).isTrue();
            assertThat(dataDir.resolve("config/elasticsearch.yml")).exists();
            assertThat(dataDir.resolve("logs/console.log")).exists();

            // a second server on the same data folder is refused up front
            assertThatThrownBy(() -> EmbeddedElasticsearch.start(home, dataDir))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("is in use by another Elasticsearch");

            HttpResponse<String> created = send("PUT", uri.resolve("/briefs"),
                    "{\"mappings\":{\"properties\":{\"body\":{\"type\":\"text\",\"analyzer\":\"standard\"}}}}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);

            HttpResponse<String> indexed = send("PUT", uri.resolve("/briefs/_doc/1?refresh=true"),
                    json.writeValueAsString(Map.of("body", "黄江镇开拓扫黑除恶宣传和线索摸排新阵地")));
            assertThat(indexed.statusCode()).as(indexed.body()).isEqualTo(201);

            assertThat(phraseHits(uri, "线索摸排")).isEqualTo(1);
            assertThat(phraseHits(uri, "摸排线索")).isZero();

            processes.add(es.processHandle());
            try (var descendants = es.processHandle().descendants()) {
                descendants.forEach(processes::add);
            }
            assertThat(processes).as("launcher and server JVM").hasSizeGreaterThanOrEqualTo(2);

            es.close();
            assertThat(es.isAlive()).isFalse();
            es.close(); // idempotent
        }

        assertThat(processes).allSatisfy(p -> assertThat(p.isAlive()).as("pid " + p.pid()).isFalse());
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 1000);
            }
        }).isInstanceOf(ConnectException.class);
        // it shut down gracefully rather than being killed
        assertThat(Files.readString(dataDir.resolve("logs/console.log")))
                .containsPattern(Pattern.compile("\\] closed\\s*$", Pattern.MULTILINE));
    }

    private long phraseHits(URI uri, String phrase) throws Exception {
        String query = json.writeValueAsString(
                Map.of("query", Map.of("match_phrase", Map.of("body", phrase))));
        HttpResponse<String> response = send("POST", uri.resolve("/briefs/_search"), query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode total = json.readTree(response.body()).path("hits").path("total").path("value");
        assertThat(total.isNumber()).as(response.body()).isTrue();
        return total.asLong();
    }

    private HttpResponse<String> send(String method, URI uri, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
