package cn.jianbao.quota;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.directory.DirectoryAdmin;
import cn.jianbao.intake.SubmissionDraft;
import cn.jianbao.intake.SubmissionService;
import cn.jianbao.testing.JianbaoIntegrationTest;
import cn.jianbao.testing.Journeys;
import cn.jianbao.testing.Users;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;

/** Quota and timeliness figures for a generated quarter, checked against independent queries; urgency input. */
@JianbaoIntegrationTest
class QuotasAndTimelinessTest {

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @Autowired TestRestTemplate http;
    @Autowired JdbcClient jdbc;
    @Autowired SubmissionService submissions;
    @Autowired DirectoryAdmin directoryAdmin;
    @Autowired Journeys journeys;
    @Autowired Users users;
    @Autowired ObjectMapper json;

    private String unit(String kind) {
        String unit = "g" + UUID.randomUUID().toString().substring(0, 6);
        directoryAdmin.ensureUnit(new DirectoryAdmin.UnitDraft(unit, "生成" + unit, kind, null, true, 960));
        directoryAdmin.ensurePerson(new DirectoryAdmin.PersonDraft(unit + "-liaison", "联络员", unit, List.of("liaison"),
                null, null, "demo", true));
        directoryAdmin.ensurePerson(new DirectoryAdmin.PersonDraft(unit + "-leader", "领导", unit, List.of("leader"),
                null, null, "demo", true));
        return unit;
    }

    @Test
    void aGeneratedQuarterAddsUpAsAnIndependentQuerySays() {
        List<String> units = List.of(unit("town"), unit("town"), unit("member"));
        Random random = new Random(20250701);
        LocalDate start = LocalDate.of(2025, 7, 1);
        String[] urgencies = {"major", "decision", "routine"};
        for (String unit : units) {
            for (int i = 0; i < 12; i++) {
                String kind = random.nextInt(4) == 0 ? "news_lead" : "dynamic";
                String urgency = urgencies[random.nextInt(3)];
                // up to 10 days before submission; a few routine items without an event time
                OffsetDateTime eventTime = urgency.equals("routine") && random.nextInt(4) == 0 ? null
                        : OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(20 + random.nextInt(60 * 24 * 10));
                UUID id = submissions.submit(users.person(unit + "-liaison"), new SubmissionDraft("生成" + i, kind, "public",
                        null, "正文。", "可联系采访对象。", eventTime, List.of(), urgency), null).submission().id();
                if (random.nextInt(4) == 0) {
                    journeys.complete(id, "leaderApproval", unit + "-leader", Map.of("decision", "approve"));
                    journeys.complete(id, "officeReview", "editor", Map.of("decision", "approve"));
                    journeys.complete(id, "adoptionDecision", "signer", Map.of("adoption", "comprehensive"));
                }
                // moved into the quarter with its event and deadline, so its lateness stays what it was
                OffsetDateTime target = start.plusDays(random.nextInt(92)).atTime(8 + random.nextInt(10), random.nextInt(60))
                        .atZone(BEIJING).toOffsetDateTime();
                jdbc.sql("""
                        update submission set event_time = event_time + (cast(? as timestamptz) - submitted_at),
                          report_deadline = report_deadline + (cast(? as timestamptz) - submitted_at),
                          submitted_at = cast(? as timestamptz) where id = ?""")
                        .params(target, target, target, id).update();
            }
        }

        // quotas: every window of the quarter, against counts by ISO week, half month and month in SQL
        JsonNode report = http.withBasicAuth("editor", "demo").getForObject("/api/quotas?period=2025-Q3", JsonNode.class);
        assertThat(report.get("period").get("key").asText()).isEqualTo("2025-Q3");
        Map<String, Integer> counted = new HashMap<>();
        jdbc.sql("""
                select unit_code, case when kind = 'news_lead' then 'news_lead' else 'briefing' end item,
                  to_char(submitted_at at time zone 'Asia/Shanghai', 'IYYY-"W"IW') as week,
                  to_char(submitted_at at time zone 'Asia/Shanghai', 'YYYY-MM')
                    || case when extract(day from submitted_at at time zone 'Asia/Shanghai') <= 15 then '-H1' else '-H2' end as half,
                  to_char(submitted_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month
                from submission where unit_code in (?, ?, ?)""").params(units.get(0), units.get(1), units.get(2))
                .query(rs -> {
                    for (String col : List.of("week", "half", "month")) {
                        counted.merge(rs.getString("unit_code") + "|" + rs.getString("item") + "|" + rs.getString(col), 1,
                                Integer::sum);
                    }
                });
        Map<String, Integer> expectedWindows = Map.of("week", 14, "half_month", 6, "month", 3); // W27..W40
        int checked = 0;
        for (JsonNode u : report.get("units")) {
            String code = u.get("unit").get("code").asText();
            if (!units.contains(code)) {
                continue;
            }
            int required = 0;
            int submitted = 0;
            for (JsonNode line : u.get("lines")) {
                assertThat(line.get("windows").size()).as(code + line.get("per").asText())
                        .isEqualTo(expectedWindows.get(line.get("per").asText()));
                for (JsonNode w : line.get("windows")) {
                    int expected = counted.getOrDefault(code + "|" + line.get("itemKind").asText() + "|" + w.get("key").asText(), 0);
                    assertThat(w.get("submitted").asInt()).as(code + " " + w.get("key").asText()).isEqualTo(expected);
                    assertThat(w.get("status").asText()).isEqualTo(expected >= w.get("required").asInt() ? "met" : "missed");
                    required += w.get("required").asInt();
                    submitted += w.get("submitted").asInt();
                    checked++;
                }
            }
            assertThat(u.get("required").asInt()).isEqualTo(required);
            assertThat(u.get("submitted").asInt()).isEqualTo(submitted);
            long adopted = jdbc.sql("""
                    select count(*) from submission where unit_code = ? and adoption in ('standalone', 'comprehensive')""")
                    .param(code).query(Long.class).single();
            assertThat(u.get("adopted").asLong()).isEqualTo(adopted); // every item of these units lies in the quarter
        }
        assertThat(checked).isGreaterThan(40);

        // timeliness: late when submitted after event time + 1 h / 1 d / 1 w, computed here in SQL
        JsonNode t = http.withBasicAuth("auditor", "demo").getForObject("/api/timeliness?from=2025-07-01&to=2025-09-30",
                JsonNode.class);
        for (JsonNode u : t.get("units")) {
            String code = u.get("unit").get("code").asText();
            if (!units.contains(code)) {
                continue;
            }
            Map<String, Object> expected = jdbc.sql("""
                    select count(*) submitted, count(event_time) with_event_time,
                      count(*) filter (where submitted_at > event_time + make_interval(hours =>
                        case urgency when 'major' then 1 when 'decision' then 24 else 168 end)) late
                    from submission where unit_code = ?""").param(code).query().singleRow();
            assertThat(u.get("submitted").asLong()).isEqualTo(((Number) expected.get("submitted")).longValue());
            assertThat(u.get("withEventTime").asLong()).isEqualTo(((Number) expected.get("with_event_time")).longValue());
            assertThat(u.get("late").asLong()).isEqualTo(((Number) expected.get("late")).longValue());
            assertThat(u.get("onTime").asLong() + u.get("late").asLong()).isEqualTo(u.get("withEventTime").asLong());
            Set<String> lateIds = new HashSet<>(jdbc.sql("""
                    select cast(id as varchar) from submission where unit_code = ? and submitted_at > event_time
                      + make_interval(hours => case urgency when 'major' then 1 when 'decision' then 24 else 168 end)""")
                    .param(code).query(String.class).list());
            Set<String> reported = new HashSet<>();
            u.get("lateItems").forEach(i -> reported.add(i.get("id").asText()));
            assertThat(reported).isEqualTo(lateIds);
        }
        // a unit's liaison sees only their own unit
        JsonNode own = http.withBasicAuth(units.get(0) + "-liaison", "demo").getForObject("/api/quotas?period=2025-Q3",
                JsonNode.class);
        assertThat(own.get("units")).hasSize(1);
        assertThat(own.get("units").get(0).get("unit").get("code").asText()).isEqualTo(units.get(0));
        assertThat(http.withBasicAuth(units.get(0) + "-liaison", "demo").getForObject(
                "/api/timeliness?from=2025-07-01&to=2025-09-30", JsonNode.class).get("units")).hasSize(1);
    }

    private ResponseEntity<JsonNode> submit(String user, Map<String, Object> meta) throws Exception {
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        HttpHeaders metaHeaders = new HttpHeaders();
        metaHeaders.setContentType(MediaType.APPLICATION_JSON);
        parts.add("meta", new HttpEntity<>(json.writeValueAsString(meta), metaHeaders));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return http.withBasicAuth(user, "demo").exchange("/api/submissions", HttpMethod.POST, new HttpEntity<>(parts, headers),
                JsonNode.class);
    }

    @Test
    void aLateMajorEventIsFlaggedToTheOfficeAtOnce() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        ResponseEntity<JsonNode> late = submit("qingxi-liaison", Map.of("title", "重大迟报" + tag, "kind", "dynamic",
                "classification", "internal", "text", "正文。", "urgency", "major",
                "eventTime", OffsetDateTime.now(BEIJING).minusHours(3).toString()));
        assertThat(late.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String id = late.getBody().get("id").asText();
        JsonNode item = http.withBasicAuth("qingxi-liaison", "demo").getForObject("/api/submissions/" + id, JsonNode.class);
        assertThat(item.get("urgency").asText()).isEqualTo("major");
        assertThat(item.get("late").asBoolean()).isTrue();
        assertThat(item.get("lateBy").asText()).matches("PT(1H59M.*|2H.*)");
        assertThat(item.get("lateByLabel").asText()).startsWith("迟报");
        JsonNode flagged = http.withBasicAuth("editor", "demo").getForObject("/api/notifications", JsonNode.class);
        assertThat(flagged.toString()).contains("重大突发事件（", "）迟报", "/items/" + id, "重大迟报" + tag);

        ResponseEntity<JsonNode> onTime = submit("qingxi-liaison", Map.of("title", "重大及时" + tag, "kind", "dynamic",
                "classification", "internal", "text", "正文。", "urgency", "major",
                "eventTime", OffsetDateTime.now(BEIJING).minusMinutes(10).toString()));
        JsonNode timely = http.withBasicAuth("qingxi-liaison", "demo").getForObject("/api/submissions/"
                + onTime.getBody().get("id").asText(), JsonNode.class);
        assertThat(timely.get("late").asBoolean()).isFalse();
        assertThat(timely.has("lateBy")).isFalse();
        assertThat(http.withBasicAuth("editor", "demo").getForObject("/api/notifications", JsonNode.class).toString())
                .doesNotContain("重大及时" + tag);
    }

    @Test
    void badUrgencyAndEventTimesAreRefusedAndStoreNothing() throws Exception {
        long before = jdbc.sql("select count(*) from submission").query(Long.class).single();
        Object[][] cases = {
                {Map.of("title", "未来", "kind", "dynamic", "classification", "public", "text", "正文。",
                        "eventTime", OffsetDateTime.now(BEIJING).plusDays(1).toString()), "eventTime", "不能晚于现在"},
                {Map.of("title", "紧急", "kind", "dynamic", "classification", "public", "text", "正文。",
                        "urgency", "urgent"), "urgency", "紧急程度应为"},
                {Map.of("title", "重大", "kind", "dynamic", "classification", "public", "text", "正文。",
                        "urgency", "major"), "eventTime", "须填写事件发生时间"}};
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            ResponseEntity<JsonNode> r = submit("qingxi-liaison", (Map<String, Object>) c[0]);
            assertThat(r.getStatusCode()).as(c[1].toString()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(r.getBody().get("field").asText()).isEqualTo(c[1]);
            assertThat(r.getBody().get("detail").asText()).contains((String) c[2]);
        }
        assertThat(jdbc.sql("select count(*) from submission").query(Long.class).single()).isEqualTo(before);
        assertThat(http.withBasicAuth("editor", "demo").getForEntity("/api/quotas?period=2025-W60", JsonNode.class)
                .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(http.withBasicAuth("editor", "demo").getForEntity("/api/timeliness?from=2025-13-01", JsonNode.class)
                .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(http.withBasicAuth("qingxi-liaison", "demo").postForEntity("/api/quotas/remind", Map.of(), JsonNode.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void theDashboardIsTheOfficesAndAuditorsOnly() {
        for (String user : List.of("editor", "auditor")) {
            ResponseEntity<JsonNode> d = http.withBasicAuth(user, "demo").getForEntity("/api/dashboard", JsonNode.class);
            assertThat(d.getStatusCode()).as(user).isEqualTo(HttpStatus.OK);
            assertThat(d.getBody().get("grid").size()).isGreaterThanOrEqualTo(5);
            assertThat(d.getBody().get("trend").size()).isEqualTo(12);
            assertThat(d.getBody().get("grid").get(0).get("cells").size()).isEqualTo(d.getBody().get("weeks").size());
            long submitted = jdbc.sql("select count(*) from submission where submitted_at >= ? and submitted_at < ?")
                    .params(LocalDate.now(BEIJING).withDayOfMonth(1).atStartOfDay(BEIJING).toOffsetDateTime(),
                            LocalDate.now(BEIJING).withDayOfMonth(1).plusMonths(1).atStartOfDay(BEIJING).toOffsetDateTime())
                    .query(Long.class).single();
            assertThat(d.getBody().get("totals").get("submitted").asLong()).isEqualTo(submitted);
        }
        for (String user : List.of("qingxi-liaison", "qingxi-leader")) {
            assertThat(http.withBasicAuth(user, "demo").getForEntity("/api/dashboard", JsonNode.class).getStatusCode())
                    .as(user).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(http.withBasicAuth(user, "demo").getForEntity("/dashboard", String.class).getStatusCode())
                    .as(user).isEqualTo(HttpStatus.FORBIDDEN);
        }
    }
}
