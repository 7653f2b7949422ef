package cn.jianbao.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.jianbao.directory.Person;
import cn.jianbao.testing.CookieSession;
import cn.jianbao.benchmark.ProcessCost;
import cn.jianbao.testing.JianbaoIntegrationTest;
import cn.jianbao.testing.Users;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.JsonpUtils;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The archive at scale: {@link ArchiveGenerator} fills it with 100,000 items from the corpus, the
 * application's rebuild indexes them (first segmenting every item, then again with the words
 * stored, printing its progress), and 4 concurrent clients run a mixed query set through
 * {@code GET /api/search} (signed-in sessions, as the archive page does) and the very same
 * Elasticsearch requests directly against Elasticsearch: p50/p95/p99 of both and their ratio.
 * Prints the figures and writes them to target/archive-scale-report.txt.
 * <pre>./mvnw verify -Pbenchmark -Dtest=ArchiveScaleBenchmark [-Dbenchmark.archive.items=100000]</pre>
 */
@Tag("benchmark")
@JianbaoIntegrationTest
// the generated issues of the last week would otherwise be printed (the printing sweep) while the clock runs
@org.springframework.test.context.TestPropertySource(properties = "jianbao.printing.sweep-delay=24h")
class ArchiveScaleBenchmark {

    private static final int CLIENTS = Integer.getInteger("benchmark.archive.clients", 4);

    @Autowired JdbcTemplate jdbc;
    @Autowired ArchiveIndexer indexer;
    @Autowired ArchiveSearch search;
    @Autowired ElasticsearchClient es;
    @Autowired ChineseWords words;
    @Autowired Users users;
    @LocalServerPort int port;
    @Value("${spring.elasticsearch.uris}") String elasticsearch;
    @Value("${jianbao.archive.alias:jianbao-archive}") String alias;

    record Q(String user, ArchiveSearch.Criteria criteria) {
    }

    @Test
    void hundredThousandItems() throws Exception {
        assumeTrue(Files.isDirectory(ArchiveGenerator.CORPUS), "../shared/corpus is absent");
        int n = Integer.getInteger("benchmark.archive.items", 100_000);
        StringBuilder report = new StringBuilder();

        long t0 = System.nanoTime();
        ArchiveGenerator generator = new ArchiveGenerator(jdbc);
        int published = generator.fill(n);
        long total = jdbc.queryForObject("select count(*) from submission", Long.class);
        line(report, "generated %d items (%d published, %d units) in %.1f s; %d items in the database",
                n, published, generator.units.size(), secs(t0), total);

        line(report, "first index (every item segmented): %s", timedRebuild(total));
        long words = jdbc.queryForObject("select count(*) from archive_words", Long.class);
        assertThat(words).isEqualTo(total);
        line(report, "rebuild (words stored): %s", timedRebuild(total));

        List<Q> queries = queries(generator);
        Map<String, CookieSession> sessions = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, Person> people = new LinkedHashMap<>();
        for (String u : List.of("editor", "qingxi-liaison")) {
            people.put(u, users.person(u));
        }
        HttpClient direct = HttpClient.newHttpClient();
        // warm-up, and the checks that the two paths are the same search
        long empty = 0;
        for (Q q : queries) {
            CookieSession s = sessions.computeIfAbsent(q.user() + "-warm", k -> CookieSession.login(port, q.user(), "demo"));
            HttpResponse<String> r = s.get("/api/search?" + query(q.criteria()));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            if (r.body().contains("\"total\":0,")) {
                empty++;
            }
            assertThat(direct(direct, people.get(q.user()), q.criteria()).statusCode()).isEqualTo(200);
        }
        line(report, "%d queries (known items, topics, quoted phrases; filters by unit, date, stage; pages; "
                + "as the editor and as a town's liaison); %d found nothing", queries.size(), empty);

        // each client signs in once per person, before the clock runs
        for (int c = 0; c < CLIENTS; c++) {
            for (String u : people.keySet()) {
                sessions.put(u + "-" + c, CookieSession.login(port, u, "demo"));
            }
        }
        int rounds = Integer.getInteger("benchmark.archive.rounds", 3);
        // rounds alternate between the paths, so none gets caches another warmed, or a quieter machine. The middle
        // path - the application's own Elasticsearch client with the same request, from this JVM, without the web
        // stack, the session or the highlighting - tells the client library's share from the rest of the application's;
        // the same again at the pace the application's round had, to tell what the rate alone changes in Elasticsearch
        List<String> paths = List.of("through the application", "through its Elasticsearch client",
                "through its client, at the application's pace", "straight to Elasticsearch");
        java.util.concurrent.atomic.AtomicLong paceNanos = new java.util.concurrent.atomic.AtomicLong();
        Map<String, Call> calls = new LinkedHashMap<>();
        calls.put(paths.get(0), (client, q) -> {
            CookieSession s = sessions.get(q.user() + "-" + client);
            HttpResponse<String> resp = s.get("/api/search?" + query(q.criteria()));
            if (resp.statusCode() != 200) {
                throw new IllegalStateException(resp.statusCode() + " " + resp.body());
            }
        });
        calls.put(paths.get(1), (client, q) -> es.search(search.prepare(people.get(q.user()), q.criteria()).request(),
                Map.class));
        calls.put(paths.get(2), (client, q) -> {
            long start = System.nanoTime();
            es.search(search.prepare(people.get(q.user()), q.criteria()).request(), Map.class);
            long rest = paceNanos.get() - (System.nanoTime() - start);
            if (rest > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(rest);
            }
        });
        calls.put(paths.get(3), (client, q) -> {
            if (direct(direct, people.get(q.user()), q.criteria()).statusCode() != 200) {
                throw new IllegalStateException("Elasticsearch refused");
            }
        });
        ProcessCost cost = ProcessCost.of(jdbc.queryForObject("select pg_backend_pid()", Long.class));
        // what each process spends with nothing asked of it, to read the rounds' figures against (a longer round
        // carries more of it)
        ProcessCost.Snapshot idleFrom = cost.take();
        long idleStart = System.nanoTime();
        Thread.sleep(10_000);
        Map<String, Double> idleCpu = cost.take().cpuSince(idleFrom);
        double idleSeconds = (System.nanoTime() - idleStart) / 1e9;
        Map<String, List<Long>> latencies = new LinkedHashMap<>();
        Map<String, Map<String, Double>> cpu = new LinkedHashMap<>();
        Map<String, long[]> esWork = new LinkedHashMap<>();
        Map<String, Long> nanos = new LinkedHashMap<>();
        ProcessCost.Snapshot underLoad = null;
        for (int r = 0; r < rounds; r++) {
            for (String path : paths) {
                long[] esBefore = esSearches(direct);
                long start = System.nanoTime();
                ProcessCost.Snapshot before = cost.take();
                latencies.computeIfAbsent(path, k -> new ArrayList<>()).addAll(load(queries, 1, calls.get(path)));
                underLoad = cost.take();
                long took = System.nanoTime() - start;
                nanos.merge(path, took, Long::sum);
                if (path.equals(paths.get(0))) {
                    paceNanos.set(took / queries.size()); // each client sent every query once
                }
                long[] esAfter = esSearches(direct);
                long[] work = esWork.computeIfAbsent(path, k -> new long[3]);
                for (int k = 0; k < 3; k++) {
                    work[k] += esAfter[k] - esBefore[k];
                }
                underLoad.cpuSince(before).forEach((k, v) -> cpu.computeIfAbsent(path, x -> new LinkedHashMap<>())
                        .merge(k, v, Double::sum));
            }
        }
        List<Long> app = latencies.get(paths.get(0));
        List<Long> straight = latencies.get(paths.get(3));
        latencies.values().forEach(l -> l.sort(null));
        line(report, "search through GET /api/search, %d clients, %d requests: %s", CLIENTS, app.size(), figures(app));
        line(report, "the same requests through its Elasticsearch client: %s", figures(latencies.get(paths.get(1))));
        line(report, "the same through its client at the application's pace: a request every %.1f ms from each client",
                paceNanos.get() / 1e6);
        line(report, "the same requests straight to Elasticsearch:         %s", figures(straight));
        line(report, "ratio (application / Elasticsearch): p50 %.2f×, p95 %.2f×",
                (double) pct(app, 50) / pct(straight, 50), (double) pct(app, 95) / pct(straight, 95));
        // steadier than latencies on a shared machine: what each search cost each process
        Map<String, Double> totals = new LinkedHashMap<>();
        for (String path : paths) {
            totals.put(path, cpuLine(report, path, cpu.get(path), latencies.get(path).size()));
        }
        line(report, "search cpu ratio api/direct: %.2f", totals.get(paths.get(0)) / totals.get(paths.get(3)));
        // Elasticsearch spends more CPU on a search when searches come less often (threads woken for each): the same
        // requests at the application's rate are the baseline that leaves the rate out
        line(report, "search cpu ratio api/direct at the application's pace: %.2f",
                totals.get(paths.get(0)) / totals.get(paths.get(2)));
        // Elasticsearch's own account: how many searches it ran for each (shard queries), and the time inside it
        for (String path : paths) {
            long[] w = esWork.get(path);
            double searches = latencies.get(path).size();
            line(report, "elasticsearch's own account per search, %s: %.2f searches (query %.2f ms, fetch %.2f ms)",
                    path, w[0] / searches, w[1] / searches, w[2] / searches);
        }
        StringBuilder idle = new StringBuilder();
        idleCpu.forEach((k, v) -> idle.append(String.format(Locale.ROOT, ", %s %.1f", k, v * 1000 / idleSeconds)));
        StringBuilder took = new StringBuilder();
        nanos.forEach((k, v) -> took.append(String.format(Locale.ROOT, "; %s %.1f s", k, v / 1e9)));
        line(report, "idle CPU (ms per second)%s; the rounds took%s", idle, took);
        long memory = underLoad.rssBytes().values().stream().mapToLong(Long::longValue).sum();
        StringBuilder each = new StringBuilder();
        underLoad.rssBytes().forEach((k, v) -> each.append(", ").append(k).append(' ').append(v >> 20));
        line(report, "memory (PSS, MB) with %d items, after the searches: total %d%s", total, memory >> 20, each);
        System.out.println(report);
        Files.writeString(Path.of("target", "archive-scale-report.txt"), report);
        // the exact requests, for trying query changes against the same index (-Dbenchmark.archive.hold=minutes)
        StringBuilder bodies = new StringBuilder();
        for (Q q : queries) {
            bodies.append(JsonpUtils.toJsonString(search.prepare(people.get(q.user()), q.criteria()).request(),
                    es._jsonpMapper())).append('\n');
        }
        Files.writeString(Path.of("target", "archive-queries.ndjson"), bodies);
        int hold = Integer.getInteger("benchmark.archive.hold", 0);
        if (hold > 0) {
            System.out.println("holding the servers for " + hold + " min: Elasticsearch at " + elasticsearch
                    + ", alias " + alias);
            Thread.sleep(hold * 60_000L);
        }
    }

    private String timedRebuild(long total) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        // the progress an administrator sees at GET /api/archive/status while it runs
        Thread watcher = new Thread(() -> {
            HttpClient http = HttpClient.newHttpClient();
            while (running.get()) {
                try {
                    Thread.sleep(5000);
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                                    + "/api/archive/status")).header("Authorization", "Basic " + java.util.Base64.getEncoder()
                                    .encodeToString("admin:demo".getBytes(StandardCharsets.UTF_8))).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (running.get()) {
                        System.out.println("  GET /api/archive/status: " + r.body());
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    System.out.println("  status: " + e);
                }
            }
        });
        watcher.start();
        long t0 = System.nanoTime();
        int count;
        try {
            count = indexer.rebuild();
        } finally {
            running.set(false);
            watcher.interrupt();
        }
        double s = secs(t0);
        assertThat((long) count).isEqualTo(total);
        return String.format(Locale.ROOT, "%d items in %.1f s (%.0f items/s)", count, s, count / s);
    }

    /** CPU ms per search of each process (this JVM holds the application and the clients) and their total. */
    private static double cpuLine(StringBuilder report, String label, Map<String, Double> cpu, int searches) {
        StringBuilder each = new StringBuilder();
        double total = 0;
        for (Map.Entry<String, Double> e : cpu.entrySet()) {
            double ms = e.getValue() * 1000 / searches;
            total += ms;
            each.append(String.format(Locale.ROOT, "%s %.1f, ", e.getKey(), ms));
        }
        line(report, "CPU per search (ms), %s: %stotal %.1f", label, each, total);
        return total;
    }

    interface Call {
        void run(int client, Q q) throws Exception;
    }

    /** {@code CLIENTS} threads, each through the whole query set {@code rounds} times in its own order. */
    private static List<Long> load(List<Q> queries, int rounds, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<List<Long>>> futures = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            futures.add(pool.submit(() -> {
                List<Q> mine = new ArrayList<>(queries);
                java.util.Collections.shuffle(mine, new Random(client));
                List<Long> times = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    for (Q q : mine) {
                        long t = System.nanoTime();
                        call.run(client, q);
                        times.add(System.nanoTime() - t);
                    }
                }
                return times;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : futures) {
            all.addAll(f.get());
        }
        pool.shutdown();
        all.sort(null);
        return all;
    }

    /** Elasticsearch's node stats: searches (shard queries), their query and fetch time in ms. */
    private long[] esSearches(HttpClient http) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(elasticsearch.split(",")[0]
                + "/_nodes/_local/stats/indices/search")).build(), HttpResponse.BodyHandlers.ofString());
        var search = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).get("nodes").elements().next()
                .get("indices").get("search");
        return new long[] {search.get("query_total").asLong(), search.get("query_time_in_millis").asLong(),
                search.get("fetch_time_in_millis").asLong()};
    }

    private HttpResponse<byte[]> direct(HttpClient http, Person person, ArchiveSearch.Criteria c) throws Exception {
        ArchiveSearch.Prepared prepared = search.prepare(person, c);
        String body = JsonpUtils.toJsonString(prepared.request(), es._jsonpMapper());
        return http.send(HttpRequest.newBuilder(URI.create(elasticsearch.split(",")[0] + "/" + alias
                        + "/_search?typed_keys=true")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** What editors and liaisons type, from the generated items and the hand-judged topics. */
    private List<Q> queries(ArchiveGenerator generator) throws Exception {
        Random random = new Random(7);
        List<String> typed = new ArrayList<>();
        List<Map<String, Object>> sample = jdbc.queryForList(
                "select title, body from submission order by md5(id::text) limit 150");
        for (int i = 0; i < sample.size(); i++) {
            String title = (String) sample.get(i).get("title");
            List<String> ws = words.words(title).stream().filter(w -> w.length() >= 2).distinct().toList();
            if (ws.size() >= 2) {
                int from = random.nextInt(ws.size() - 1);
                List<String> pick = ws.subList(from, Math.min(ws.size(), from + 2 + random.nextInt(2)));
                typed.add(String.join(i % 2 == 0 ? "" : " ", pick));
            }
            if (i % 5 == 0) {
                String body = (String) sample.get(i).get("body");
                int at = random.nextInt(Math.max(1, body.length() - 8));
                String phrase = body.substring(at, Math.min(body.length(), at + 4 + random.nextInt(4))).strip();
                if (!phrase.isBlank() && !phrase.contains("\"")) {
                    typed.add("\"" + phrase + "\"");
                }
            }
        }
        Path topics = Path.of("src", "test", "resources", "relevance", "topics.tsv");
        if (Files.exists(topics)) {
            Files.readAllLines(topics).stream().filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.split("\t")[0]).forEach(typed::add);
        }
        List<Q> out = new ArrayList<>();
        for (int i = 0; i < typed.size(); i++) {
            String user = i % 2 == 0 ? "editor" : "qingxi-liaison";
            String unit = null;
            String from = null;
            String to = null;
            String stage = null;
            String sort = null;
            int page = 0;
            switch (i % 10) {
                case 1 -> unit = generator.units.get(random.nextInt(generator.units.size())).code();
                case 3 -> {
                    from = "2025-0" + (1 + random.nextInt(9)) + "-01";
                    to = "2026-06-30";
                }
                case 5 -> stage = user.equals("editor") ? "office_review" : "published";
                case 7 -> page = 1;
                case 9 -> sort = "newest";
                default -> {
                }
            }
            out.add(new Q(user, new ArchiveSearch.Criteria(typed.get(i), unit, null, null, from, to, page, 20, sort, stage,
                    page == 0 ? null : false)));
        }
        return out;
    }

    private static String query(ArchiveSearch.Criteria c) {
        StringBuilder b = new StringBuilder();
        param(b, "q", c.q());
        param(b, "unit", c.unit());
        param(b, "from", c.from());
        param(b, "to", c.to());
        param(b, "stage", c.stage());
        param(b, "sort", c.sort());
        param(b, "page", String.valueOf(c.page()));
        param(b, "size", String.valueOf(c.size()));
        // as the archive page: a further page of the same query without the counts it already shows
        param(b, "facets", c.facets() == null ? null : String.valueOf(c.facets()));
        return b.toString();
    }

    private static void param(StringBuilder b, String name, String value) {
        if (value != null) {
            b.append(b.isEmpty() ? "" : "&").append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    private static long pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static String figures(List<Long> sorted) {
        double mean = sorted.stream().mapToLong(Long::longValue).average().orElse(0) / 1e6;
        return String.format(Locale.ROOT, "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, mean %.1f ms",
                pct(sorted, 50) / 1e6, pct(sorted, 95) / 1e6, pct(sorted, 99) / 1e6, mean);
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void line(StringBuilder report, String format, Object... args) {
        String s = String.format(Locale.ROOT, format, args);
        System.out.println(s);
        report.append(s).append('\n');
    }
}
