package cn.jianbao.intake;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.testing.CookieSession;
import cn.jianbao.testing.JianbaoIntegrationTest;
import cn.jianbao.testing.Users;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The 报送编号: given once per item, without gaps per unit and year (also when submissions race or
 * one is refused after its number was drawn), read back on every door, found when typed in the
 * forms people type it in, and never a way to learn of an item one may not read.
 */
@JianbaoIntegrationTest
class SubmissionNumbersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired SubmissionService submissions;
    @Autowired Users users;
    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;
    @LocalServerPort int port;

    private static int thisYear() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
    }

    private Submission submit(String unit, String title, String classification, UUID commission) {
        return submissions.submit(users.person(unit + "-liaison"), new SubmissionDraft(title, "dynamic", classification,
                null, "正文：" + title, null, null, List.of(), null, commission), null).submission();
    }

    @Test
    void numbersAsPeopleTypeThem() {
        SubmissionNumber n = new SubmissionNumber("黄江", 2026, 37);
        for (String typed : List.of("黄江〔2026〕37号", "黄江[2026]37", "黄江（2026）37号", "黄江2026-37", "黄江 2026 37",
                "黄江2026年37号", "黄江【2026】第37号", " 黄江〔2026〕037号 ")) {
            assertThat(SubmissionNumber.parse(typed, 2025)).as(typed).contains(n);
        }
        assertThat(SubmissionNumber.parse("黄江37号", 2026)).contains(n);
        assertThat(SubmissionNumber.parse("公安分局〔2025〕3号", 2026)).contains(new SubmissionNumber("公安分局", 2025, 3));
        for (String notANumber : List.of("", "黄江", "2026-37", "〔2026〕37号", "黄江〔2026〕0号", "扫黑除恶 2026",
                "黄江镇安全生产", "37号文件")) {
            assertThat(SubmissionNumber.parse(notANumber, 2026)).as(notANumber).isEmpty();
        }
        assertThat(n.text()).isEqualTo("黄江〔2026〕37号");
    }

    @Test
    void gaplessPerUnitAndYearWhenSubmissionsRaceAndOneIsRefused() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Submission>> futures = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                int k = i;
                // every fourth answers a commission that does not exist: refused after its number was drawn
                Callable<Submission> call = () -> submit("mayong", "编号并发" + k, "internal",
                        k % 4 == 3 ? UUID.randomUUID() : null);
                futures.add(pool.submit(call));
            }
            List<String> numbers = new ArrayList<>();
            int refused = 0;
            for (Future<Submission> f : futures) {
                try {
                    numbers.add(f.get().number());
                } catch (java.util.concurrent.ExecutionException e) {
                    refused++;
                }
            }
            assertThat(refused).isEqualTo(3);
            assertThat(numbers).hasSize(9).doesNotHaveDuplicates().allMatch(x -> x.startsWith("麻涌〔" + thisYear() + "〕"));
        } finally {
            pool.shutdownNow();
        }
        List<Integer> sequences = jdbc.sql("""
                select number_seq from submission where unit_code = 'mayong' and number_year = ? order by number_seq""")
                .param(thisYear()).query(Integer.class).list();
        assertThat(sequences).containsExactlyElementsOf(IntStream.rangeClosed(1, sequences.size()).boxed().toList());
        assertThat(jdbc.sql("select last_number from submission_number where unit_code = 'mayong' and year = ?")
                .param(thisYear()).query(Integer.class).single()).isEqualTo(sequences.size());
        assertThat(jdbc.sql("select count(*) from submission where unit_code = 'mayong' and number !~ '^麻涌〔[0-9]{4}〕[1-9][0-9]*号$'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void theNumberIsShownAndFoundWhereItIsTypedButOnlyByItsReaders() throws Exception {
        Submission s = submit("mayong", "编号查找" + UUID.randomUUID().toString().substring(0, 6), "internal", null);
        String typed = "麻涌" + thisYear() + "-" + s.number().replaceAll(".*〕|号", "");
        CookieSession liaison = CookieSession.login(port, "mayong-liaison", "demo");
        CookieSession other = CookieSession.login(port, "huangjiang-liaison", "demo");
        CookieSession editor = CookieSession.login(port, "editor", "demo");
        CookieSession auditor = CookieSession.login(port, "auditor", "demo");

        assertThat(json(liaison.get("/api/submissions/" + s.id())).get("number").asText()).isEqualTo(s.number());
        // the list's search box, the archive's and the auditor's take the number in any usual spelling
        JsonNode listed = json(liaison.get("/api/submissions?q=" + enc(typed)));
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("id").asText()).isEqualTo(s.id().toString());
        assertThat(listed.get(0).get("number").asText()).isEqualTo(s.number());
        assertThat(json(editor.get("/api/search?q=" + enc(s.number()))).at("/byNumber/id").asText())
                .isEqualTo(s.id().toString());
        assertThat(json(auditor.get("/api/audit/items?q=" + enc(typed))).at("/0/number").asText())
                .isEqualTo(s.number());
        // typed into the address bar: the item's page
        HttpResponse<String> page = liaison.get("/items/" + enc(typed), "Accept", "text/html");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/items/" + s.id());

        // another town's liaison learns nothing: the same 404 as for a number never given
        assertThat(other.get("/items/" + enc(typed), "Accept", "text/html").statusCode()).isEqualTo(404);
        assertThat(other.get("/items/" + enc("麻涌" + thisYear() + "-99999"), "Accept", "text/html").statusCode())
                .isEqualTo(404);
        assertThat(json(other.get("/api/submissions?q=" + enc(typed)))).isEmpty();
        assertThat(json(other.get("/api/search?q=" + enc(s.number()))).has("byNumber")).isFalse();
    }

    @Test
    void unitsGetAShortNameThatNumbersKeep() throws Exception {
        CookieSession admin = CookieSession.login(port, "admin", "demo");
        // short names hold no digits (a number's sequence follows them): a tag of Chinese characters
        java.util.Random random = new java.util.Random();
        String tag = random.ints(4, 0, 10).mapToObj(i -> String.valueOf("甲乙丙丁戊己庚辛壬癸".charAt(i)))
                .collect(java.util.stream.Collectors.joining());
        String code = "num-" + Integer.toHexString(random.nextInt(0xfffff));
        HttpResponse<String> created = admin.json("POST", "/api/units", """
                {"code": "%s", "name": "编号%s街道办事处", "kind": "town"}""".formatted(code, tag), admin.csrf());
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created).get("shortName").asText()).isEqualTo("编号" + tag);
        // the same short name would make two units' numbers alike: the full name instead
        HttpResponse<String> twin = admin.json("POST", "/api/units", """
                {"code": "%s-b", "name": "编号%s镇", "kind": "town"}""".formatted(code, tag), admin.csrf());
        assertThat(json(twin).get("shortName").asText()).isEqualTo("编号" + tag + "镇");

        HttpResponse<String> taken = admin.json("PATCH", "/api/units/" + code, "{\"shortName\": \"麻涌\"}", admin.csrf());
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(problem(taken)).contains("简称“麻涌”已由其他单位使用");
        HttpResponse<String> digits = admin.json("PATCH", "/api/units/" + code, "{\"shortName\": \"编号1\"}", admin.csrf());
        assertThat(digits.statusCode()).isEqualTo(400);
        assertThat(problem(digits)).contains("不含数字");
        HttpResponse<String> renamed = admin.json("PATCH", "/api/units/" + code,
                "{\"name\": \"编号%s街道\"}".formatted(tag), admin.csrf());
        assertThat(json(renamed).get("shortName").asText()).isEqualTo("编号" + tag);
        // a name once used in another unit's numbers stays theirs
        assertThat(admin.json("PATCH", "/api/units/" + code + "-b", "{\"shortName\": \"麻涌\"}", admin.csrf())
                .statusCode()).isEqualTo(409);
    }

    /** The upgrade to V20 numbers what is already stored: per unit and Beijing year, in order of arrival. */
    @Test
    void theUpgradeNumbersItemsAlreadyStored() {
        String schema = "upgrade_v20_" + UUID.randomUUID().toString().substring(0, 8);
        try {
            flyway(schema, "19").migrate();
            JdbcClient old = JdbcClient.create(dataSource);
            old.sql("""
                    insert into %1$s.unit (code, name, kind) values ('hj', '黄江镇', 'town'), ('ga', '市公安局', 'member'),
                        ('dc1', '东城街道', 'town'), ('dc2', '东城镇', 'town'), ('office', '扫黑办', 'office')""".formatted(schema))
                    .update();
            String insert = """
                    insert into %s.submission (id, unit_code, liaison_id, author, title, kind, classification, body, status,
                        submitted_at, updated_at) values (?, ?, 'x', 'x', ?, 'dynamic', 'internal', '正文', 'published',
                        cast(? as timestamptz), now())""".formatted(schema);
            // 17:00 UTC on 31 December is New Year's Day in Beijing
            Object[][] rows = {{"hj", "甲", "2025-06-01T08:00:00Z"}, {"hj", "乙", "2025-12-31T15:59:00Z"},
                    {"hj", "丙", "2025-12-31T17:00:00Z"}, {"hj", "丁", "2026-02-01T08:00:00Z"},
                    {"ga", "戊", "2026-03-01T08:00:00Z"}, {"dc1", "己", "2026-03-01T08:00:00Z"}};
            for (Object[] r : rows) {
                old.sql(insert).params(UUID.randomUUID(), r[0], r[1], r[2]).update();
            }
            flyway(schema, "20").migrate();
            assertThat(old.sql("select title || ' ' || number from %s.submission order by title".formatted(schema))
                    .query(String.class).list()).containsExactly("丁 黄江〔2026〕2号", "丙 黄江〔2026〕1号",
                    "乙 黄江〔2025〕2号", "己 东城街道〔2026〕1号", "戊 公安局〔2026〕1号", "甲 黄江〔2025〕1号");
            assertThat(old.sql("select short_name from %s.unit order by code".formatted(schema)).query(String.class).list())
                    .containsExactly("东城街道", "东城镇", "公安局", "黄江", "扫黑办");
            assertThat(old.sql("select unit_code || year || ':' || last_number from %s.submission_number order by 1"
                    .formatted(schema)).query(String.class).list()).containsExactly("dc12026:1", "ga2026:1", "hj2025:2",
                    "hj2026:2");
        } finally {
            JdbcClient.create(dataSource).sql("drop schema if exists " + schema + " cascade").update();
        }
    }

    private Flyway flyway(String schema, String target) {
        return Flyway.configure().dataSource(dataSource).schemas(schema).table("jianbao_schema_history")
                .locations("classpath:db/migration").target(target).load();
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isLessThan(300);
        return JSON.readTree(r.body());
    }

    private static String problem(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).isGreaterThanOrEqualTo(400);
        return JSON.readTree(r.body()).get("detail").asText();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
