package cn.jianbao.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.testing.JianbaoIntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rankings and reports at a large office's scale: 200 units and 20,000 items over one year, with
 * their adoptions, 批示, higher-level adoptions and deductions in the ledger (written straight
 * into the tables: the point is the reading). Times the monthly, quarterly and annual rankings,
 * the monthly 通报 (DOCX and XLSX) and the year's ledger export through the HTTP API. Prints the
 * figures and writes them to target/assessment-report.txt.
 * <pre>./mvnw verify -Pbenchmark -Dtest=AssessmentBenchmark</pre>
 */
@Tag("benchmark")
@JianbaoIntegrationTest
class AssessmentBenchmark {

    @Autowired JdbcClient jdbc;
    @Autowired TestRestTemplate http;

    @Test
    void ranksTwoHundredUnitsOverAYear() throws Exception {
        String p = "b" + UUID.randomUUID().toString().substring(0, 4);
        int year = 2025;
        long start = System.nanoTime();
        jdbc.sql("""
                insert into unit (code, name, kind, active, sort_order, short_name)
                select ? || '-' || g, '基准单位' || ? || g, case when g % 2 = 0 then 'town' else 'member' end, true, 1000 + g,
                    '基准单位' || ? || g
                from generate_series(1, 200) g""").params(p, p, p).update();
        // 20,000 items spread over the year, 40% adopted (a third of those standalone)
        jdbc.sql("""
                insert into submission (id, unit_code, liaison_id, author, title, kind, classification, body, status,
                    adoption, points, submitted_at, updated_at, readers, number, number_year, number_seq)
                select gen_random_uuid(), ? || '-' || (1 + g % 200), 'bench', '基准', '基准信息' || g, 'dynamic', 'internal',
                    '正文', case when g % 5 < 2 then 'published' else 'rejected' end,
                    case when g % 5 = 0 then 'standalone' when g % 5 = 1 then 'comprehensive' end,
                    case when g % 5 = 0 then 10 when g % 5 = 1 then 3 end,
                    make_timestamptz(?, 1, 1, 8, 0, 0, 'Asia/Shanghai') + (g % 365) * interval '1 day',
                    now(), '{office}', '基准单位' || ? || (1 + g % 200) || '〔' || ? || '〕' || (1 + g / 200) || '号', ?,
                    1 + g / 200
                from generate_series(1, 20000) g""").params(p, year, p, year, year).update();
        jdbc.sql("""
                insert into assessment_event (id, kind, unit_code, submission_id, rule_input, share, happened_on, recorded_by, recorded_at)
                select gen_random_uuid(), 'adoption', s.unit_code, s.id, s.adoption, 1,
                    (s.submitted_at at time zone 'Asia/Shanghai')::date + 3, 'system', now()
                from submission s where s.unit_code like ? || '-%' and s.adoption is not null""").param(p).update();
        jdbc.sql("""
                insert into assessment_event (id, kind, unit_code, submission_id, rule_input, share, happened_on, adopted,
                    outlet, leader, content, recorded_by, recorded_at)
                select gen_random_uuid(), case when n % 2 = 0 then 'instruction' else 'forward' end, s.unit_code, s.id,
                    case when n % 2 = 0 then 'city' else 'province' end, 1,
                    (s.submitted_at at time zone 'Asia/Shanghai')::date + 10, true, '省委信息', '领导', '批示', 'bench', now()
                from (select s.*, row_number() over () n from submission s
                      where s.unit_code like ? || '-%' and s.status = 'published') s where n % 10 = 0""").param(p).update();
        jdbc.sql("""
                insert into ledger_entry (id, unit_code, event_id, submission_id, event, points, yuan, rule_key, rule_version,
                    explanation, happened_on, recorded_by, recorded_at)
                select gen_random_uuid(), e.unit_code, e.id, e.submission_id,
                    case e.kind when 'adoption' then 'adoption' when 'instruction' then 'instruction' else 'higher_adoption' end,
                    case e.kind when 'adoption' then (case e.rule_input when 'standalone' then 10 else 3 end)
                        when 'instruction' then 30 else 20 end,
                    case e.kind when 'adoption' then (case e.rule_input when 'standalone' then 200 else 50 end) else 0 end,
                    'adoptionPoints', 1, '基准', e.happened_on, 'bench', now()
                from assessment_event e where e.unit_code like ? || '-%'""").param(p).update();
        jdbc.sql("analyze").update();
        long entries = jdbc.sql("select count(*) from ledger_entry where unit_code like ? || '-%'").param(p)
                .query(Long.class).single();
        double generated = (System.nanoTime() - start) / 1e9;

        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "assessment over one year: 200 units, 20000 items, %d ledger entries (generated in %.1f s)%n", entries, generated));
        time(report, "ranking, one month", "/api/rankings?period=" + year + "-06", 5);
        time(report, "ranking, one quarter", "/api/rankings?period=" + year + "-Q2", 5);
        time(report, "ranking, the year", "/api/rankings?period=" + year, 5);
        time(report, "monthly report, DOCX", "/api/reports/monthly?month=" + year + "-06&format=docx", 5);
        time(report, "monthly report, XLSX", "/api/reports/monthly?month=" + year + "-06&format=xlsx", 5);
        time(report, "annual report, DOCX", "/api/reports/monthly?period=" + year + "&format=docx", 3);
        time(report, "ledger export, the year (all units)", "/api/ledger/export?period=" + year, 3);
        System.out.println(report);
        Files.writeString(Path.of("target", "assessment-report.txt"), report);
    }

    private void time(StringBuilder report, String what, String url, int runs) {
        long[] ms = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            var r = http.withBasicAuth("editor", "demo").getForEntity(url, byte[].class);
            ms[i] = (System.nanoTime() - t) / 1_000_000;
            assertThat(r.getStatusCode().is2xxSuccessful()).as(url).isTrue();
        }
        java.util.Arrays.sort(ms);
        report.append(String.format(Locale.ROOT, "%-38s median %6d ms   (fastest %d, runs %d)%n", what, ms[runs / 2], ms[0], runs));
    }
}
