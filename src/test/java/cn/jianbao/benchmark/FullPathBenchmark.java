package cn.jianbao.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.testing.TestMail;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * Throughput and latencies of the whole path, and the same BPMNs on a bare engine for scale.
 * Runs only with {@code ./mvnw verify -Pbenchmark [-Dbenchmark.items=200 -Dbenchmark.threads=4]}.
 *
 * <p>Part 1 drives N items over HTTP exactly as clients do (our API and /engine-rest, HTTP Basic),
 * each worker taking one item at a time to its sign-off; a finder then looks for each published item in
 * the archive until it is there (the run ends when the last is found), and an editor searches alongside.
 * Part 2 drives N items through the same submission.bpmn / adoption-points.dmn / issue-publication.bpmn
 * on a standalone engine (own database on the same embedded PostgreSQL, no-op delegates, Java API).
 * Only sanity is asserted (every item published and found), never speed.
 */
@Tag("benchmark")
// an installation as the README starts it (archive polled every second, no LDAP, no WeCom/DingTalk),
// not the integration tests' settings: their 200 ms poll and an LDAP server inside the measured JVM
// (every Basic request tried a bind first) are not what an office runs; mail goes to GreenMail
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "jianbao.embedded.ephemeral=true", "jianbao.demo-data=true", "jianbao.admin-password=demo",
        "jianbao.demo-submissions=false", "logging.level.org.camunda.bpm.engine.context=off"})
@ContextConfiguration(initializers = TestMail.class)
class FullPathBenchmark {

    private static final String[] UNITS = {"huangjiang", "mayong", "qingxi", "police", "propaganda"};
    private static final Map<String, String> UNIT_NAMES = Map.of("huangjiang", "黄江镇", "mayong", "麻涌镇",
            "qingxi", "清溪镇", "police", "公安分局", "propaganda", "宣传部");
    /** Items before the measured run: the JIT compilers still took a third as much CPU as the request threads after 10. */
    private static final int WARMUP = 40;
    /** A published item is first looked for this long after its sign-off (the archive's poll and refresh
     * are a second each, and a batch waits for both), then again after each miss: the searches per item stay about one, whatever the lag. */
    private static final long FIND_AFTER_MS = 2000;
    private static final long SEARCH_PAUSE_MS = 500;
    private static final Duration SEARCH_TIMEOUT = Duration.ofSeconds(60);
    private static final String BARE_DB = "jianbao_bare";
    /** An office's shape: one item in ten is adopted standalone into its own issue, the rest go into
     * comprehensive issues of fifteen; one in ten is returned to its unit once and revised. */
    static final int STANDALONE_EVERY = 10;
    static final int COMPREHENSIVE_SIZE = 15;
    static final int RETURNED_EVERY = 10;
    /** Searches from the editors' desk alongside the path: one for every this many items submitted (paced by
     * the work, not the clock, so a slower run does not search more per item). */
    private static final int ITEMS_PER_SEARCH_ALONGSIDE = 2;
    private static final String[] BACKGROUND_QUERIES = {"扫黑除恶", "线索核查", "网格化管理 入户走访", "\"专项行动\"",
            "黄江镇", "法治宣传", "问题清单 责任清单", "典型案例"};

    static boolean standalone(int index) {
        return index % STANDALONE_EVERY == 0;
    }

    static boolean returned(int index) {
        return index % RETURNED_EVERY == 5;
    }

    /** How long the application took to start in this run (embedded servers included), for the report. */
    static volatile java.time.Duration startUp;

    @org.springframework.boot.test.context.TestConfiguration
    static class StartUp {
        @org.springframework.context.event.EventListener
        void ready(org.springframework.boot.context.event.ApplicationReadyEvent event) {
            startUp = event.getTimeTaken();
        }
    }

    @LocalServerPort int port;
    @Autowired ObjectMapper json;
    @Autowired DataSource dataSource;
    @Autowired Environment env;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, String> authHeaders = new ConcurrentHashMap<>();
    /** Distinguishes this run's phrases from anything else in the archive: one numeric token per item. */
    private final long runBase = ThreadLocalRandom.current().nextLong(100_000, 900_000) * 100_000L;

    @Test
    void fullPathAndBareEngine() throws Exception {
        int items = Integer.getInteger("benchmark.items", 200);
        int threads = Integer.getInteger("benchmark.threads", 4);
        assertThat(items).isPositive();
        assertThat(threads).isPositive();

        double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

        // -Dbenchmark.only=bare measures the bare engine alone (while trying engine settings)
        if ("bare".equals(System.getProperty("benchmark.only"))) {
            BareResult bare = runBare(items, threads, ProcessCost.of(new JdbcTemplate(dataSource)
                    .queryForObject("select pg_backend_pid()", Long.class)));
            System.out.printf(Locale.ROOT, "%nbare engine, same BPMNs: %.2f items/s (%d items in %.1f s, JVM CPU %.1f ms per item); per item p50 %d ms p95 %d ms%n",
                    bare.throughput(), bare.items(), bare.seconds(), bare.cpuMsPerItem(), ms(pct(bare.perItem().sorted(), 50)),
                    ms(pct(bare.perItem().sorted(), 95)));
            return;
        }

        ProcessCost cost = ProcessCost.of(new JdbcTemplate(dataSource).queryForObject("select pg_backend_pid()", Long.class));
        ProcessCost.Snapshot idle = cost.take();

        // --- 1. the full path over REST ---
        runRest(WARMUP, threads, 1_000_000, new RestStats()); // warm-up: not counted
        awaitQuiet();
        ProcessCost.Snapshot restStart = cost.take();
        Map<String, Long> esStart = elasticsearchWork();
        RestStats rest = new RestStats();
        List<RestItem> done = runRest(items, threads, 0, rest);
        double restSeconds = (rest.lastFound.get() - rest.firstSubmit.get()) / 1e9;
        double restThroughput = items / restSeconds;
        ProcessCost.Snapshot underLoad = cost.take();
        // the printed forms are made in the background after each sign-off: their CPU is the path's,
        // and the bare engine should not share the machine with them
        awaitQuiet();
        ProcessCost.Snapshot restEnd = cost.take();
        Map<String, Double> restCpu = restEnd.cpuSince(restStart);
        Map<String, Long> esWork = new java.util.LinkedHashMap<>();
        elasticsearchWork().forEach((k, v) -> esWork.put(k, v - esStart.getOrDefault(k, 0L)));

        // sanity, outside the timed window: every item published, and found
        for (RestItem item : done) {
            assertThat(item.found).as("item %d found by its phrase", item.index).isTrue();
            JsonNode s = getJson("editor", "/api/submissions/" + item.submissionId);
            assertThat(s.get("status").asText()).as("status of item %d", item.index).isEqualTo("published");
            JsonNode issue = getJson("editor", "/api/issues/" + item.issueId);
            assertThat(issue.get("status").asText()).as("issue of item %d", item.index).isEqualTo("published");
        }

        // --- 2. the same BPMNs on a bare engine ---
        BareResult bare = runBare(items, threads, cost);

        // --- 3. report ---
        String report = report(items, threads, restSeconds, restThroughput, rest, bare, loadAtStart)
                + costReport(items, restCpu, bare, idle, underLoad, rest) + elasticsearchReport(items, esWork);
        System.out.println(report);
        Path out = Path.of(System.getProperty("basedir", "."), "target", "benchmark-report.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);

        assertThat(done).hasSize(items);
        assertThat(restThroughput).isPositive();
        assertThat(bare.throughput()).isPositive();
    }

    // ------------------------------------------------------------------------------------------
    // Part 1: over HTTP

    static final class RestItem {
        final int index;
        final String unit;
        final String phrase;
        String submissionId;
        String processInstanceId;
        String issueId;
        long submittedAt;
        long signedOffAt;
        long nextLook;
        volatile boolean found;

        RestItem(int index, String unit, String phrase) {
            this.index = index;
            this.unit = unit;
            this.phrase = phrase;
        }
    }

    static final class RestStats {
        final Samples submit = new Samples();
        final Samples taskLookup = new Samples();
        final Samples taskComplete = new Samples();
        /** The same completions by task (which step's work is the slow one). */
        final Map<String, Samples> completeByTask = new java.util.concurrent.ConcurrentSkipListMap<>();
        final Samples issueCreate = new Samples();
        final Samples search = new Samples();
        final Samples indexLag = new Samples();
        final Samples itemUntilSignOff = new Samples();
        final AtomicLong firstSubmit = new AtomicLong(Long.MAX_VALUE);
        final AtomicLong lastFound = new AtomicLong(Long.MIN_VALUE);
        final java.util.concurrent.atomic.AtomicInteger submitted = new java.util.concurrent.atomic.AtomicInteger();
        /** Signed off, not yet found, in the order of their next look. */
        final java.util.concurrent.BlockingQueue<RestItem> toFind = new java.util.concurrent.LinkedBlockingQueue<>();
        final Samples backgroundSearch = new Samples();
        final AtomicInteger standaloneIssues = new AtomicInteger();
        final List<Integer> comprehensiveIssues = java.util.Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger returns = new AtomicInteger();
        /** Adopted comprehensive items waiting for the fifteenth. */
        final List<RestItem> batch = new ArrayList<>();
    }

    private List<RestItem> runRest(int n, int threads, int indexOffset, RestStats stats) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<RestItem> done = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads + 2);
        java.util.concurrent.atomic.AtomicBoolean working = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicBoolean publishing = new java.util.concurrent.atomic.AtomicBoolean(true);
        try {
            // the editors' desk searches the archive meanwhile
            pool.submit(() -> {
                int q = 0;
                while (working.get()) {
                    try {
                        if (q >= stats.submitted.get() / ITEMS_PER_SEARCH_ALONGSIDE) {
                            Thread.sleep(20);
                            continue;
                        }
                        long s0 = System.nanoTime();
                        expect(client.send(get("editor", "/api/search?size=10&q=" + URLEncoder.encode(
                                BACKGROUND_QUERIES[q++ % BACKGROUND_QUERIES.length], StandardCharsets.UTF_8)),
                                HttpResponse.BodyHandlers.ofString()), 200, "search");
                        stats.backgroundSearch.add(System.nanoTime() - s0);
                    } catch (InterruptedException e) {
                        return; // the run is over (shutdownNow)
                    } catch (Throwable e) {
                        if (working.get()) {
                            failure.compareAndSet(null, new AssertionError("background search: " + e, e));
                        }
                        return;
                    }
                }
            });
            // each published item looked for in the archive until it is there, published
            Future<?> finder = pool.submit(() -> {
                try {
                    while (failure.get() == null) {
                        RestItem item = stats.toFind.poll(20, java.util.concurrent.TimeUnit.MILLISECONDS);
                        if (item == null) {
                            if (!publishing.get() && stats.toFind.isEmpty()) {
                                return;
                            }
                            continue;
                        }
                        long wait = item.nextLook - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                        if (!find(item, stats)) {
                            item.nextLook = System.nanoTime() + SEARCH_PAUSE_MS * 1_000_000;
                            stats.toFind.add(item);
                        }
                    }
                } catch (InterruptedException e) {
                    // the run is over
                } catch (Throwable e) {
                    failure.compareAndSet(null, new AssertionError("finding: " + e, e));
                }
            });
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    int i;
                    while (failure.get() == null && (i = next.getAndIncrement()) < n) {
                        try {
                            done.addAll(restItem(indexOffset + i, stats));
                        } catch (Throwable e) {
                            failure.compareAndSet(null, new AssertionError("item " + (indexOffset + i) + ": " + e, e));
                        }
                    }
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
            // the last comprehensive issue takes what is left
            List<RestItem> rest;
            synchronized (stats.batch) {
                rest = new ArrayList<>(stats.batch);
                stats.batch.clear();
            }
            if (failure.get() == null && !rest.isEmpty()) {
                done.addAll(publish(rest, true, stats));
            }
            publishing.set(false);
            finder.get();
        } finally {
            working.set(false);
            pool.shutdownNow();
        }
        if (failure.get() != null) {
            throw new AssertionError("full path broke: " + failure.get().getMessage(), failure.get());
        }
        return done;
    }

    /** One item along the path; returns the items this call saw published and found (none, it, or a batch). */
    private List<RestItem> restItem(int index, RestStats stats) throws Exception {
        String unit = UNITS[index % UNITS.length];
        RestItem item = new RestItem(index, unit, "压测编号" + (runBase + index));
        String title = UNIT_NAMES.get(unit) + "扫黑除恶工作动态（压测" + index + "）";

        // submit
        String meta = json.writeValueAsString(Map.of("title", title, "kind", "dynamic",
                "classification", "internal", "text", text(UNIT_NAMES.get(unit), item.phrase)));
        long t0 = System.nanoTime();
        item.submittedAt = t0;
        stats.firstSubmit.accumulateAndGet(t0, Math::min);
        HttpResponse<String> r = client.send(multipart(unit + "-liaison", "/api/submissions", meta),
                HttpResponse.BodyHandlers.ofString());
        stats.submit.add(System.nanoTime() - t0);
        stats.submitted.incrementAndGet();
        JsonNode created = expect(r, 201, "submit");
        item.submissionId = created.get("id").asText();
        item.processInstanceId = created.get("processInstanceId").asText();

        // approval path; one in ten comes back once for more data
        if (returned(index)) {
            complete(stats, unit + "-leader", item.processInstanceId, "leaderApproval",
                    Map.of("decision", "return", "comment", "请补充具体数据"));
            complete(stats, unit + "-liaison", item.processInstanceId, "revise",
                    Map.of("text", text(UNIT_NAMES.get(unit), item.phrase) + "本月共排查线索12条，办结9条。"));
            stats.returns.incrementAndGet();
        }
        complete(stats, unit + "-leader", item.processInstanceId, "leaderApproval", Map.of("decision", "approve"));
        complete(stats, "editor", item.processInstanceId, "officeReview", Map.of("decision", "approve"));
        boolean alone = standalone(index);
        complete(stats, "signer", item.processInstanceId, "adoptionDecision",
                Map.of("adoption", alone ? "standalone" : "comprehensive"));
        if (alone) {
            return publish(List.of(item), false, stats);
        }
        List<RestItem> full = null;
        synchronized (stats.batch) {
            stats.batch.add(item);
            if (stats.batch.size() >= COMPREHENSIVE_SIZE) {
                full = new ArrayList<>(stats.batch);
                stats.batch.clear();
            }
        }
        return full == null ? List.of() : publish(full, true, stats);
    }

    /** An issue of these items composed and signed off; its items handed to the finder. */
    private List<RestItem> publish(List<RestItem> items, boolean comprehensive, RestStats stats) throws Exception {
        RestItem first = items.get(0);
        String title = comprehensive ? "综合信息（压测" + first.index + "）" : UNIT_NAMES.get(first.unit) + "扫黑除恶工作动态";
        Map<String, Object> draft = Map.of("series", comprehensive ? "briefing" : "flash", "title", title,
                "submissionIds", items.stream().map(i -> i.submissionId).toList(),
                "comprehensive", comprehensive, "distribution", Map.of("report", List.of("office"), "send", List.of(),
                        "issue", items.stream().map(i -> i.unit).distinct().toList()), "printRun", 100);
        long t1 = System.nanoTime();
        HttpResponse<String> r = client.send(jsonPost("editor", "/api/issues", json.writeValueAsString(draft)),
                HttpResponse.BodyHandlers.ofString());
        stats.issueCreate.add(System.nanoTime() - t1);
        JsonNode issue = expect(r, 201, "create issue");
        String issueId = issue.get("id").asText();
        String issuePi = issue.get("processInstanceId").asText();
        complete(stats, "editor", issuePi, "compileIssue", Map.of());
        complete(stats, "signer", issuePi, "signOff", Map.of("decision", "approve"));
        long signedOff = System.nanoTime();
        if (comprehensive) {
            stats.comprehensiveIssues.add(items.size());
        } else {
            stats.standaloneIssues.incrementAndGet();
        }
        for (RestItem item : items) {
            item.issueId = issueId;
            item.signedOffAt = signedOff;
            stats.itemUntilSignOff.add(signedOff - item.submittedAt);
            item.nextLook = signedOff + FIND_AFTER_MS * 1_000_000;
            stats.toFind.add(item);
        }
        return items;
    }

    /** The archive indexes asynchronously (outbox): one look for the item as published; whether it was there. */
    private boolean find(RestItem item, RestStats stats) throws Exception {
        String url = "/api/search?stage=published&q=" + URLEncoder.encode(item.phrase, StandardCharsets.UTF_8);
        long s0 = System.nanoTime();
        HttpResponse<String> r = client.send(get("editor", url), HttpResponse.BodyHandlers.ofString());
        long s1 = System.nanoTime();
        stats.search.add(s1 - s0);
        JsonNode result = expect(r, 200, "search");
        if (result.path("total").asLong() > 0) {
            assertThat(result.get("total").asLong()).as("hits for %s", item.phrase).isEqualTo(1);
            assertThat(result.get("hits").get(0).get("submissionId").asText()).isEqualTo(item.submissionId);
            item.found = true;
            stats.indexLag.add(s1 - item.signedOffAt);
            stats.lastFound.accumulateAndGet(s1, Math::max);
            return true;
        }
        if (s1 - item.signedOffAt > SEARCH_TIMEOUT.toNanos()) {
            throw new AssertionError("item " + item.index + " not found by " + item.phrase + " within " + SEARCH_TIMEOUT);
        }
        return false;
    }

    /** Until every published issue has its printed forms (or a minute has passed). */
    private void awaitQuiet() throws InterruptedException {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline && jdbc.queryForObject("""
                select count(*) from issue i where i.status = 'published'
                  and not exists (select 1 from issue_document d where d.issue_id = i.id and d.format = 'ofd')""",
                Long.class) > 0) {
            Thread.sleep(200);
        }
    }

    /** The task id lookup and the completion are measured separately. */
    private void complete(RestStats stats, String user, String processInstanceId, String key,
                          Map<String, Object> variables) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = client.send(get(user, "/engine-rest/task?processInstanceId=" + processInstanceId
                + "&taskDefinitionKey=" + key), HttpResponse.BodyHandlers.ofString());
        stats.taskLookup.add(System.nanoTime() - t0);
        JsonNode tasks = expect(r, 200, user + " looks up " + key);
        if (tasks.size() != 1) {
            throw new AssertionError(user + " sees " + tasks.size() + " " + key + " tasks of " + processInstanceId);
        }
        Map<String, Object> vars = new HashMap<>();
        variables.forEach((k, v) -> vars.put(k, Map.of("value", v)));
        String body = json.writeValueAsString(Map.of("variables", vars));
        long t1 = System.nanoTime();
        r = client.send(jsonPost(user, "/engine-rest/task/" + tasks.get(0).get("id").asText() + "/complete", body),
                HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - t1;
        stats.taskComplete.add(took);
        stats.completeByTask.computeIfAbsent(key, k -> new Samples()).add(took);
        if (r.statusCode() != 204) {
            throw new AssertionError(user + " completes " + key + ": " + r.statusCode() + " " + r.body());
        }
    }

    /** About 300 characters of an ordinary 工作动态, with the item's unique phrase in the middle. */
    private static String text(String unitName, String phrase) {
        return unitName + "坚持把扫黑除恶常态化工作与基层治理相结合，今年以来组织召开专题推进会议六次，"
                + "召集政法、公安、市场监管等部门逐条梳理群众反映的问题线索，建立问题清单和责任清单，"
                + "明确每一条线索的办理时限和责任人。在" + phrase + "专项行动中，各村（社区）结合网格化管理，"
                + "深入开展入户走访和法治宣传，发放宣传资料三千余份，悬挂横幅一百二十条，"
                + "通过微信公众号推送典型案例十二期，引导群众积极举报涉黑涉恶线索。"
                + "下一步，将持续加大线索核查力度，健全线索移送、核查、反馈闭环机制，"
                + "对重点行业领域开展常态化排查整治，做到早发现、早处置、早打击，"
                + "切实增强人民群众的获得感、幸福感和安全感，为经济社会高质量发展营造安全稳定的社会环境。";
    }

    // --- HTTP helpers (HTTP Basic, password "demo" for every demo user) ---

    private String auth(String user) {
        return authHeaders.computeIfAbsent(user, u -> "Basic " + Base64.getEncoder()
                .encodeToString((u + ":demo").getBytes(StandardCharsets.UTF_8)));
    }

    private HttpRequest.Builder request(String user, String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", auth(user)).header("Accept", "application/json");
    }

    private HttpRequest get(String user, String path) {
        return request(user, path).GET().build();
    }

    private HttpRequest jsonPost(String user, String path, String body) {
        return request(user, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    private HttpRequest multipart(String user, String path, String meta) {
        String boundary = "----jianbao-bench-" + UUID.randomUUID();
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"meta\"\r\n"
                + "Content-Type: application/json; charset=UTF-8\r\n\r\n"
                + meta + "\r\n"
                + "--" + boundary + "--\r\n";
        return request(user, path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    private JsonNode getJson(String user, String path) throws Exception {
        return expect(client.send(get(user, path), HttpResponse.BodyHandlers.ofString()), 200, "GET " + path);
    }

    private JsonNode expect(HttpResponse<String> r, int status, String what) throws IOException {
        if (r.statusCode() != status) {
            throw new AssertionError(what + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return json.readTree(r.body());
    }

    // ------------------------------------------------------------------------------------------
    // Part 2: a bare engine with no-op delegates, same models, same database server

    /** {@code cpuMsPerItem}: this JVM's CPU time per item (steadier than throughput on a shared machine). */
    record BareResult(int items, double seconds, double throughput, Samples perItem, String jdbcUrl, double cpuMsPerItem,
                      Map<String, Double> cpu) {
    }

    /** Every delegate and listener expression of the two BPMNs resolves to this: it does nothing. */
    static final class NoOp implements JavaDelegate, TaskListener, ExecutionListener {
        @Override
        public void execute(DelegateExecution execution) {
        }

        @Override
        public void notify(DelegateTask task) {
        }

        @Override
        public void notify(DelegateExecution execution) {
        }
    }

    /** Task routing without our tables: the variables the bare driver starts each instance with. */
    public static final class VariableRouting {
        public String leadersOf(DelegateExecution execution) {
            return execution.getVariable("unitCode") + "-leaders";
        }

        public String liaisonOf(DelegateExecution execution) {
            return (String) execution.getVariable("liaison");
        }

        public String liaisonsOf(DelegateExecution execution) {
            return execution.getVariable("unitCode") + "-liaisons";
        }
    }

    private BareResult runBare(int n, int threads, ProcessCost cost) throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Integer exists = jdbc.queryForObject("select count(*) from pg_database where datname = ?", Integer.class, BARE_DB);
        if (exists == null || exists == 0) {
            jdbc.execute("create database " + BARE_DB);
        }
        String appUrl = env.getRequiredProperty("spring.datasource.url");
        Matcher m = Pattern.compile("^(jdbc:postgresql://[^/]+/)([^?;]*)(.*)$").matcher(appUrl);
        if (!m.matches()) {
            throw new IllegalStateException("Unexpected datasource URL " + appUrl);
        }
        String bareUrl = m.group(1) + BARE_DB + m.group(3);

        Map<Object, Object> beans = new HashMap<>();
        NoOp noOp = new NoOp();
        for (String name : List.of("registerSubmission", "stepStarted", "recordDecision", "applyRevision",
                "recordRejection", "recordAdoption", "recordNonAdoption", "recordPublication", "checkIssueDraft",
                "recordSignOff", "publishIssue", "registerIssue", "issueStepStarted")) {
            beans.put(name, noOp);
        }
        beans.put("routing", new VariableRouting());
        // 计算采用积分 as the application's RuleBook does it: adoption-points.dmn parsed once, evaluated by a
        // DMN engine of its own (through the engine's DecisionService it would also be looked up and written
        // to history on every item, which the application does not do)
        DmnEngine dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        DmnDecision adoptionPoints = dmn.parseDecision("adoptionPoints",
                new java.io.ByteArrayInputStream(classpath("processes/adoption-points.dmn").getBytes(StandardCharsets.UTF_8)));
        beans.put("determinePoints", (JavaDelegate) execution -> execution.setVariable("points",
                dmn.evaluateDecision(adoptionPoints, Variables.createVariables()
                        .putValue("adoption", execution.getVariable("adoption"))).getSingleResult().getEntry("points")));
        StandaloneProcessEngineConfiguration cfg = new StandaloneProcessEngineConfiguration();
        cfg.setProcessEngineName("jianbao-bare-benchmark");
        cfg.setJdbcDriver("org.postgresql.Driver");
        cfg.setJdbcUrl(bareUrl);
        cfg.setJdbcUsername(env.getProperty("spring.datasource.username"));
        cfg.setJdbcPassword(env.getProperty("spring.datasource.password"));
        cfg.setJdbcMaxActiveConnections(Math.max(10, threads + 2));
        cfg.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        // as the application (auditors read the user operation log); -Dbenchmark.bare.history=audit shows its cost
        cfg.setHistory(System.getProperty("benchmark.bare.history", ProcessEngineConfiguration.HISTORY_FULL));
        cfg.setJobExecutorActivate(false);
        cfg.setAuthorizationEnabled(false);
        cfg.setIdGenerator(new StrongUuidGenerator()); // as the Spring Boot starter configures the app's engine
        cfg.setBeans(beans);
        ProcessEngine engine = cfg.buildProcessEngine();
        try {
            DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("jianbao-bare")
                    .enableDuplicateFiltering(true);
            for (String resource : List.of("processes/submission.bpmn", "processes/adoption-points.dmn",
                    "processes/issue-publication.bpmn")) {
                deployment.addString(resource, classpath(resource));
            }
            deployment.deploy();

            // warm-up (alone, the JVM and the machine are still settling after the application's start: longer)
            int warmup = "bare".equals(System.getProperty("benchmark.only")) ? 20 * WARMUP : WARMUP;
            runBareItems(engine, warmup, threads, 1_000_000, new Samples(), new ArrayList<>());
            Samples perItem = new Samples();
            List<String[]> instances = java.util.Collections.synchronizedList(new ArrayList<>());
            long t0 = System.nanoTime();
            long cpu0 = processCpuNanos();
            ProcessCost.Snapshot start = cost.take();
            runBareItems(engine, n, threads, 0, perItem, instances);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpuMsPerItem = (processCpuNanos() - cpu0) / 1e6 / n;
            Map<String, Double> cpu = cost.take().cpuSince(start);

            HistoryService history = engine.getHistoryService();
            assertThat(instances).hasSize(n);
            for (String[] pair : instances) {
                assertEnded(history, pair[0], "published");
                assertEnded(history, pair[1], "issuePublished");
            }
            return new BareResult(n, seconds, n / seconds, perItem, bareUrl, cpuMsPerItem, cpu);
        } finally {
            engine.close();
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void assertEnded(HistoryService history, String processInstanceId, String endEvent) {
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).singleResult();
        assertThat(instance.getState()).as("bare instance %s", processInstanceId)
                .isEqualTo(HistoricProcessInstance.STATE_COMPLETED);
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
                .activityId(endEvent).finished().count()).as("bare instance %s ended in %s", processInstanceId, endEvent)
                .isEqualTo(1);
    }

    private void runBareItems(ProcessEngine engine, int n, int threads, int indexOffset, Samples perItem,
                              List<String[]> instances) throws Exception {
        List<String[]> batch = new ArrayList<>();
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    int i;
                    while (failure.get() == null && (i = next.getAndIncrement()) < n) {
                        try {
                            long t0 = System.nanoTime();
                            instances.addAll(bareItem(engine, indexOffset + i, batch));
                            perItem.add(System.nanoTime() - t0);
                        } catch (Throwable e) {
                            failure.compareAndSet(null, e);
                        }
                    }
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
        }
        if (failure.get() != null) {
            throw new AssertionError("bare engine path broke: " + failure.get(), failure.get());
        }
        if (!batch.isEmpty()) {
            instances.addAll(bareIssue(engine, batch)); // the last comprehensive issue takes what is left
        }
    }

    /**
     * The same path with the Java API, in the same office shape; returns {submission, issue} process
     * instance ids of the items this call saw published (none, it, or a comprehensive batch).
     */
    private static List<String[]> bareItem(ProcessEngine engine, int index, List<String[]> batch) {
        RuntimeService runtime = engine.getRuntimeService();
        TaskService tasks = engine.getTaskService();
        String unit = UNITS[index % UNITS.length];
        String submissionId = UUID.randomUUID().toString();
        String title = UNIT_NAMES.get(unit) + "扫黑除恶工作动态（压测" + index + "）";
        // the variables SubmissionService gives the process
        Map<String, Object> vars = new HashMap<>();
        vars.put("submissionId", submissionId);
        vars.put("unitCode", unit);
        vars.put("unitName", UNIT_NAMES.get(unit));
        vars.put("liaison", unit + "-liaison");
        vars.put("title", title);
        vars.put("kind", "dynamic");
        vars.put("kindLabel", "动态信息");
        vars.put("classification", "internal");
        String pi = runtime.startProcessInstanceByKey("submission", submissionId, vars).getId();
        if (returned(index)) {
            completeBare(tasks, pi, "leaderApproval", Map.of("decision", "return", "comment", "请补充具体数据"));
            completeBare(tasks, pi, "revise", Map.of("text", "修改后的正文"));
        }
        completeBare(tasks, pi, "leaderApproval", Map.of("decision", "approve"));
        completeBare(tasks, pi, "officeReview", Map.of("decision", "approve"));
        boolean alone = standalone(index);
        completeBare(tasks, pi, "adoptionDecision", Map.of("adoption", alone ? "standalone" : "comprehensive"));
        String[] item = {submissionId, pi};
        if (alone) {
            return bareIssue(engine, java.util.Collections.singletonList(item));
        }
        List<String[]> full = null;
        synchronized (batch) {
            batch.add(item);
            if (batch.size() >= COMPREHENSIVE_SIZE) {
                full = new ArrayList<>(batch);
                batch.clear();
            }
        }
        return full == null ? List.of() : bareIssue(engine, full);
    }

    /** An issue of these {submissionId, processInstanceId} items, compiled, signed and published. */
    private static List<String[]> bareIssue(ProcessEngine engine, List<String[]> items) {
        RuntimeService runtime = engine.getRuntimeService();
        TaskService tasks = engine.getTaskService();
        String issueId = UUID.randomUUID().toString();
        String issuePi = runtime.startProcessInstanceByKey("issuePublication", issueId,
                Map.of("issueId", issueId, "title", "综合信息", "seriesLabel", items.size() > 1 ? "简报" : "快报")).getId();
        completeBare(tasks, issuePi, "compileIssue", Map.of());
        completeBare(tasks, issuePi, "signOff", Map.of("decision", "approve"));
        List<String[]> out = new ArrayList<>();
        for (String[] item : items) {
            // what publishIssue does in the application (there inside the sign-off transaction)
            runtime.createMessageCorrelation("SubmissionPublished").processInstanceBusinessKey(item[0])
                    .setVariable("issueId", issueId).correlate();
            out.add(new String[] {item[1], issuePi});
        }
        return out;
    }

    private static void completeBare(TaskService tasks, String processInstanceId, String key, Map<String, Object> vars) {
        Task task = tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(key).singleResult();
        if (task == null) {
            throw new AssertionError("no " + key + " task in " + processInstanceId);
        }
        tasks.complete(task.getId(), vars);
    }

    private static String classpath(String resource) throws IOException {
        try (InputStream in = FullPathBenchmark.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Report

    /**
     * CPU per item of each process (the application JVM holds the benchmark's own clients too, on both
     * sides), their ratio, memory, and the shape the run had.
     */
    private static String costReport(int items, Map<String, Double> restCpu, BareResult bare, ProcessCost.Snapshot idle,
                                     ProcessCost.Snapshot underLoad, RestStats rest) {
        StringBuilder b = new StringBuilder("\nCPU per item (ms), per process, measured from /proc:\n");
        b.append(String.format(Locale.ROOT, "  %-12s", ""));
        List.of("application", "postgres", "elasticsearch").forEach(k -> b.append(String.format(Locale.ROOT, " %14s", k)));
        b.append(String.format(Locale.ROOT, " %14s%n", "total"));
        double full = row(b, "full path", restCpu, items);
        double bareTotal = row(b, "bare engine", bare.cpu(), bare.items());
        b.append(String.format(Locale.ROOT, "cpu ratio full/bare: %.2f%n", full / bareTotal));
        b.append("memory (PSS, MB):      idle after start   under the benchmark\n");
        idle.rssBytes().forEach((k, v) -> b.append(String.format(Locale.ROOT, "  %-14s %16d %21d%n", k, v >> 20,
                underLoad.rssBytes().getOrDefault(k, 0L) >> 20)));
        b.append(String.format(Locale.ROOT, "  %-14s %16d %21d%n", "total",
                idle.rssBytes().values().stream().mapToLong(Long::longValue).sum() >> 20,
                underLoad.rssBytes().values().stream().mapToLong(Long::longValue).sum() >> 20));
        List<Integer> sizes;
        synchronized (rest.comprehensiveIssues) {
            sizes = new ArrayList<>(rest.comprehensiveIssues);
        }
        b.append(String.format(Locale.ROOT, "shape: %d items from %d units; %d standalone issues, %d comprehensive issues "
                        + "(items per issue %s, mean %.1f); %d returned and revised; %d searches for the items, "
                        + "%d searches alongside%n", items, UNITS.length, rest.standaloneIssues.get(), sizes.size(),
                sizes.isEmpty() ? "-" : java.util.Collections.min(sizes) + "–" + java.util.Collections.max(sizes),
                sizes.stream().mapToInt(Integer::intValue).average().orElse(0), rest.returns.get(),
                rest.search.sorted().length, rest.backgroundSearch.sorted().length));
        return b.toString();
    }

    /** Elasticsearch's own account of its work (node stats): what its CPU went to, indexing or searching. */
    private Map<String, Long> elasticsearchWork() throws Exception {
        String uri = env.getRequiredProperty("spring.elasticsearch.uris").split(",")[0];
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(uri
                + "/_nodes/_local/stats/indices/indexing,search,refresh,merge")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode indices = json.readTree(r.body()).get("nodes").elements().next().get("indices");
        Map<String, Long> work = new java.util.LinkedHashMap<>();
        for (String field : List.of("indexing.index_total", "indexing.index_time_in_millis", "refresh.total",
                "refresh.total_time_in_millis", "merges.total", "merges.total_time_in_millis", "search.query_total",
                "search.query_time_in_millis", "search.fetch_time_in_millis")) {
            String[] path = field.split("\\.");
            work.put(field, indices.get(path[0]).get(path[1]).asLong());
        }
        return work;
    }

    private static String elasticsearchReport(int items, Map<String, Long> w) {
        return String.format(Locale.ROOT, "elasticsearch's own account, per item: %.1f documents indexed (%.1f ms), "
                        + "%.2f refreshes (%.1f ms), %.2f merges (%.1f ms), %.2f searches (query %.1f ms, fetch %.1f ms)%n",
                (double) w.get("indexing.index_total") / items, (double) w.get("indexing.index_time_in_millis") / items,
                (double) w.get("refresh.total") / items, (double) w.get("refresh.total_time_in_millis") / items,
                (double) w.get("merges.total") / items, (double) w.get("merges.total_time_in_millis") / items,
                (double) w.get("search.query_total") / items, (double) w.get("search.query_time_in_millis") / items,
                (double) w.get("search.fetch_time_in_millis") / items);
    }

    private static double row(StringBuilder b, String label, Map<String, Double> cpu, int items) {
        b.append(String.format(Locale.ROOT, "  %-12s", label));
        double total = 0;
        for (String k : List.of("application", "postgres", "elasticsearch")) {
            double ms = cpu.getOrDefault(k, 0.0) * 1000 / items;
            total += ms;
            b.append(String.format(Locale.ROOT, " %14.1f", ms));
        }
        b.append(String.format(Locale.ROOT, " %14.1f%n", total));
        return total;
    }

    private String report(int items, int threads, double restSeconds, double restThroughput, RestStats rest,
                          BareResult bare, double loadAtStart) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT,
                "%n== Jianbao full-path benchmark (N=%d, threads=%d, warm-up %d, embedded PostgreSQL + Elasticsearch) ==%n",
                items, threads, WARMUP));
        b.append(String.format(Locale.ROOT, "full path over REST:        %7.2f items/s  (%d items in %.1f s, first submit to last found)%n",
                restThroughput, items, restSeconds));
        b.append(String.format(Locale.ROOT, "bare engine, same BPMNs:    %7.2f items/s  (%d items in %.1f s, no-op delegates, Java API; JVM CPU %.1f ms per item)%n",
                bare.throughput(), bare.items(), bare.seconds(), bare.cpuMsPerItem()));
        b.append(String.format(Locale.ROOT, "ratio full/bare:            %7.3f%n", restThroughput / bare.throughput()));
        b.append("latencies (per call, as the client sees them):\n");
        b.append(line("submit", rest.submit, false));
        b.append(line("task completion", rest.taskComplete, false));
        rest.completeByTask.forEach((task, samples) -> b.append(line("  " + task, samples, false)));
        b.append(line("task lookup", rest.taskLookup, false)).append("    (GET /engine-rest/task?processInstanceId&taskDefinitionKey, not in 'task completion')\n");
        b.append(line("issue create", rest.issueCreate, false));
        b.append(line("search", rest.search, false)).append(String.format(Locale.ROOT,
                "    (for each published item, %d ms after its sign-off and again %d ms after a miss)%n",
                FIND_AFTER_MS, SEARCH_PAUSE_MS));
        b.append(line("search alongside", rest.backgroundSearch, false)).append(String.format(Locale.ROOT,
                "    (the editors' desk: mixed queries, one for every %d items submitted)%n", ITEMS_PER_SEARCH_ALONGSIDE));
        b.append(line("index lag", rest.indexLag, true)).append(String.format(Locale.ROOT,
                "    (sign-off to the search that finds it published; first look after %d ms)%n", FIND_AFTER_MS));
        b.append("per item (one worker, sequential):\n");
        b.append(line("submit..signOff", rest.itemUntilSignOff, false));
        b.append(line("bare item", bare.perItem(), false));
        b.append(String.format(Locale.ROOT, "  mean item time over REST: %.0f ms to sign-off + %.0f ms until found (the finder's first look after 2 s)%n",
                rest.itemUntilSignOff.meanMs(), rest.indexLag.meanMs()));
        double withoutIndexWait = threads / (rest.itemUntilSignOff.meanMs() / 1000.0);
        b.append(String.format(Locale.ROOT,
                "  estimate without the index wait (threads / mean time to sign-off): %.2f items/s, ratio to bare %.3f%n",
                withoutIndexWait, withoutIndexWait / bare.throughput()));
        b.append(String.format(Locale.ROOT, "machine: %d cores, Java %s (%s), %s %s, max heap %d MB, %s, %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), System.getProperty("os.name"), System.getProperty("os.arch"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024), postgresVersion(), "Elasticsearch " + elasticsearchVersion()));
        if (startUp != null) {
            b.append(String.format(Locale.ROOT, "start-up: ready in %.1f s, starting the embedded PostgreSQL and Elasticsearch "
                    + "(against running servers: the rehearsal's report)%n", startUp.toMillis() / 1000.0));
        }
        double loadAtEnd = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        int cores = Runtime.getRuntime().availableProcessors();
        b.append(String.format(Locale.ROOT, "load average (1 min): %.2f before the REST run, %.2f at the end%s%n",
                loadAtStart, loadAtEnd, loadAtStart > cores || loadAtEnd > cores
                        ? " (above the core count: other processes may have shared the machine)" : ""));
        b.append("bare engine database: ").append(bare.jdbcUrl()).append('\n');
        return b.toString();
    }

    private static String line(String label, Samples s, boolean withoutP99) {
        long[] v = s.sorted();
        if (v.length == 0) {
            return String.format(Locale.ROOT, "  %-18s (no samples)%n", label);
        }
        String base = String.format(Locale.ROOT, "  %-18s p50 %5d ms  p95 %5d ms", label, ms(pct(v, 50)), ms(pct(v, 95)));
        if (!withoutP99) {
            base += String.format(Locale.ROOT, "  p99 %5d ms", ms(pct(v, 99)));
        }
        return base + String.format(Locale.ROOT, "  max %5d ms  (n=%d)%n", ms(v[v.length - 1]), v.length);
    }

    /** Nearest-rank percentile of a sorted array. */
    static long pct(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }

    private static long ms(long nanos) {
        return Math.round(nanos / 1e6);
    }

    private String postgresVersion() {
        try {
            String v = new JdbcTemplate(dataSource).queryForObject("show server_version", String.class);
            return "PostgreSQL " + v;
        } catch (RuntimeException e) {
            return "PostgreSQL ?";
        }
    }

    /** From the embedded server's folder (elasticsearch-8.19.21); the client's info call is not used. */
    private static String elasticsearchVersion() {
        String home = System.getProperty("jianbao.elasticsearch.embedded.home");
        if (home == null) {
            return "?";
        }
        String name = Path.of(home).getFileName().toString();
        return name.startsWith("elasticsearch-") ? name.substring("elasticsearch-".length()) : name;
    }

    /** Nanosecond samples from several threads. */
    static final class Samples {
        private long[] values = new long[256];
        private int size;

        synchronized void add(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }

        synchronized long[] sorted() {
            long[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }

        synchronized double meanMs() {
            if (size == 0) {
                return 0;
            }
            double sum = 0;
            for (int i = 0; i < size; i++) {
                sum += values[i];
            }
            return sum / size / 1e6;
        }
    }
}
