package cn.jianbao.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jianbao.system.embedded.EmbeddedPostgresControl;
import cn.jianbao.testing.JianbaoIntegrationTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The embedded PostgreSQL stopped under load and started again: while it is away every request gets
 * a Chinese 503 (never a 500), nothing is half-stored, and work resumes by itself when it returns.
 */
@JianbaoIntegrationTest
class DatabaseOutageTest {

    @Autowired TestRestTemplate http;
    @Autowired ObjectMapper json;
    @Autowired JdbcClient jdbc;
    @Autowired EmbeddedPostgresControl postgres;

    ResponseEntity<String> submit(String title) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        var parts = new LinkedMultiValueMap<String, Object>();
        HttpHeaders meta = new HttpHeaders();
        meta.setContentType(MediaType.APPLICATION_JSON);
        parts.add("meta", new HttpEntity<>("{\"title\":\"" + title + "\",\"kind\":\"dynamic\","
                + "\"classification\":\"internal\",\"text\":\"停库测试的正文。\"}", meta));
        return http.withBasicAuth("qingxi-liaison", "demo").postForEntity("/api/submissions",
                new HttpEntity<>(parts, headers), String.class);
    }

    @Test
    void requestsDuringAnOutageGetA503AndNothingIsHalfStored() throws Exception {
        String prefix = "停库" + System.nanoTime() + "-";
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger counter = new AtomicInteger();
        Map<String, Integer> statuses = new ConcurrentHashMap<>();
        List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
        List<String> outageBodies = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean down = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(3);
        for (int t = 0; t < 3; t++) {
            clients.submit(() -> {
                while (running.get()) {
                    String title = prefix + counter.incrementAndGet();
                    ResponseEntity<String> r = submit(title);
                    statuses.merge(Integer.toString(r.getStatusCode().value()), 1, Integer::sum);
                    if (r.getStatusCode().value() == 201) {
                        acknowledged.add(json.readTree(r.getBody()).get("id").asText());
                    } else if (down.get()) {
                        outageBodies.add(r.getBody());
                    }
                    // reads during the outage too
                    ResponseEntity<String> list = http.withBasicAuth("editor", "demo")
                            .getForEntity("/api/submissions?size=5", String.class);
                    statuses.merge("list-" + list.getStatusCode().value(), 1, Integer::sum);
                }
                return null;
            });
        }
        int beforeOutage;
        int atRestart;
        try {
            await("work before the outage").atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 3);
            beforeOutage = acknowledged.size();
            down.set(true);
            postgres.stop();
            // down until the clients have met it a few times, reads and writes
            await("the outage seen by the clients").atMost(Duration.ofSeconds(60))
                    .until(() -> statuses.getOrDefault("503", 0) >= 3 && statuses.getOrDefault("list-503", 0) >= 1);
            postgres.restart();
            down.set(false);
            atRestart = acknowledged.size();
            await("work resumed after the outage: " + statuses).atMost(Duration.ofSeconds(60))
                    .until(() -> acknowledged.size() >= atRestart + 5);
        } finally {
            // the clients stop whatever happened: left running they would submit into the tests after this one
            running.set(false);
            clients.shutdown();
            if (down.get()) {
                postgres.restart();
            }
        }
        assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        assertThat(beforeOutage).as("work before the outage").isPositive();
        assertThat(acknowledged.size()).as("work resumed after it: %s", statuses).isGreaterThan(atRestart);
        assertThat(statuses.keySet()).as("answers seen: %s", statuses)
                .allMatch(s -> s.equals("201") || s.equals("503") || s.equals("list-200") || s.equals("list-503"));
        assertThat(statuses).containsKey("503");
        assertThat(outageBodies).isNotEmpty().allMatch(b -> b == null || b.contains("数据库暂时不可用"));

        // every acknowledged item is whole: its row, its process, its open task; and nothing else is half there
        for (String id : acknowledged) {
            Map<String, Object> row = jdbc.sql("select status, process_instance_id from submission where id = ?::uuid")
                    .param(id).query().singleRow();
            assertThat(row.get("process_instance_id")).as(id).isNotNull();
            assertThat(jdbc.sql("select count(*) from act_ru_task where proc_inst_id_ = ? and task_def_key_ = 'leaderApproval'")
                    .param(row.get("process_instance_id")).query(Long.class).single()).as(id).isEqualTo(1);
        }
        assertThat(jdbc.sql("select count(*) from submission where title like ? and process_instance_id is null")
                .param(prefix + "%").query(Long.class).single()).isZero();
        // a commit the database made as it went down may never have been acknowledged (the client saw a
        // 503 and would retry with its Idempotency-Key): such an item is whole too, never more than one per 503
        long stored = jdbc.sql("select count(*) from submission where title like ?").param(prefix + "%")
                .query(Long.class).single();
        assertThat(stored).isBetween((long) acknowledged.size(), (long) acknowledged.size() + statuses.getOrDefault("503", 0));
        assertThat(jdbc.sql("""
                select count(*) from submission s where s.title like ? and not exists (select 1 from act_ru_task t
                where t.proc_inst_id_ = s.process_instance_id and t.task_def_key_ = 'leaderApproval')""")
                .param(prefix + "%").query(Long.class).single()).as("every stored item has its open task").isZero();
        assertThat(jdbc.sql("""
                select count(*) from act_ru_execution e where e.parent_id_ is null and e.business_key_ is not null
                and e.proc_def_id_ like 'submission:%' and not exists (select 1 from submission s where s.id::text = e.business_key_)""")
                .query(Long.class).single()).as("no process without its item").isZero();
    }
}
