package cn.jianbao.publication;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.testing.JianbaoIntegrationTest;
import cn.jianbao.testing.Journeys;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Distribution with receipts: at sign-off every unit and person on the 报/送/发 lists finds the
 * issue in their inbox; the first opening records the receipt (who, when) once; the office and
 * auditors see every recipient; an unread delivery is reminded once; nobody else records or reads.
 */
@JianbaoIntegrationTest
class InboxTest {

    @Autowired TestRestTemplate http;
    @Autowired Journeys journeys;
    @Autowired Inbox inbox;
    @Autowired JdbcClient jdbc;

    private ResponseEntity<JsonNode> call(String user, HttpMethod method, String url) {
        return http.withBasicAuth(user, "demo").exchange(url, method, HttpEntity.EMPTY, JsonNode.class);
    }

    private JsonNode entryFor(String user, UUID issue) {
        for (JsonNode e : call(user, HttpMethod.GET, "/api/inbox?size=100").getBody()) {
            if (e.get("issueId").asText().equals(issue.toString())) {
                return e;
            }
        }
        return null;
    }

    private JsonNode receipt(UUID issue, String code) {
        for (JsonNode r : call("editor", HttpMethod.GET, "/api/issues/" + issue + "/receipts").getBody()) {
            if (r.get("code").asText().equals(code)) {
                return r;
            }
        }
        return null;
    }

    @Test
    void everyRecipientGetsTheIssueAndTheFirstOpeningIsTheReceipt() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        UUID item = journeys.adopted("police", "分送测试" + tag, "公安分局分送测试正文。", "standalone", "restricted");
        Issue issue = journeys.publish(journeys.draft("briefing", "分送" + tag, List.of(item), false,
                new Distribution(List.of("office"), List.of("mayong-leader"), List.of("qingxi", "police"))));
        UUID id = issue.id();

        // delivered: the units on the lists (any of their people) and the person on 送
        JsonNode qingxi = entryFor("qingxi-liaison", id);
        assertThat(qingxi).isNotNull();
        assertThat(qingxi.get("listLabel").asText()).isEqualTo("发");
        assertThat(qingxi.get("addressedTo").asText()).isEqualTo("清溪镇");
        assertThat(qingxi.hasNonNull("readAt")).isFalse();
        assertThat(entryFor("qingxi-leader", id)).isNotNull();
        assertThat(entryFor("mayong-leader", id).get("addressedTo").asText()).isEqualTo("本人");
        assertThat(entryFor("mayong-liaison", id)).isNull();
        assertThat(entryFor("huangjiang-liaison", id)).isNull();
        ResponseEntity<JsonNode> unread = call("qingxi-liaison", HttpMethod.GET, "/api/inbox?unread=true");
        assertThat(Long.parseLong(unread.getHeaders().getFirst("X-Unread-Count"))).isPositive();

        List<String> recipients = new ArrayList<>();
        call("editor", HttpMethod.GET, "/api/issues/" + id + "/receipts").getBody()
                .forEach(r -> recipients.add(r.get("listLabel").asText() + r.get("name").asText()));
        assertThat(recipients).containsExactly("报扫黑办", "送麻涌镇主管领导", "发清溪镇", "发公安分局");

        // the first opening of the unit's copy counts, once
        ResponseEntity<JsonNode> opened = call("qingxi-leader", HttpMethod.POST, "/api/inbox/" + id + "/read");
        assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.OK);
        String readAt = receipt(id, "qingxi").get("readAt").asText();
        assertThat(receipt(id, "qingxi").get("readByName").asText()).isEqualTo("清溪镇主管领导");
        assertThat(call("qingxi-liaison", HttpMethod.POST, "/api/inbox/" + id + "/read").getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(receipt(id, "qingxi").get("readAt").asText()).isEqualTo(readAt);
        assertThat(receipt(id, "qingxi").get("readBy").asText()).isEqualTo("qingxi-leader");
        assertThat(entryFor("qingxi-liaison", id).get("readByName").asText()).isEqualTo("清溪镇主管领导");
        assertThat(receipt(id, "police").hasNonNull("readAt")).isFalse();

        // nobody else records a receipt or reads the receipts
        for (String outsider : List.of("huangjiang-liaison", "mayong-liaison")) {
            assertThat(call(outsider, HttpMethod.POST, "/api/inbox/" + id + "/read").getStatusCode()).as(outsider)
                    .isEqualTo(HttpStatus.NOT_FOUND);
        }
        for (String user : List.of("qingxi-liaison", "police-leader", "mayong-leader")) {
            assertThat(call(user, HttpMethod.GET, "/api/issues/" + id + "/receipts").getStatusCode()).as(user)
                    .isEqualTo(HttpStatus.FORBIDDEN);
        }
        assertThat(jdbc.sql("select count(*) from issue_recipient where issue_id = ? and read_at is not null")
                .param(id).query(Long.class).single()).isEqualTo(1);
        // the restricted issue's receipts are part of the audit record
        assertThat(call("auditor", HttpMethod.GET, "/api/issues/" + id + "/receipts").getBody()).hasSize(4);
        assertThat(call("auditor", HttpMethod.POST, "/api/inbox/" + id + "/read").getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(receipt(id, "office").hasNonNull("readAt")).isFalse();
    }

    @Test
    void whatStaysUnreadIsRemindedOnce() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        UUID item = journeys.adopted("huangjiang", "催阅测试" + tag, "黄江镇催阅测试正文。", "standalone", "public");
        Issue issue = journeys.publish(journeys.draft("flash", "催阅" + tag, List.of(item), false,
                new Distribution(List.of(), List.of(), List.of("mayong", "qingxi"))));
        call("mayong-liaison", HttpMethod.POST, "/api/inbox/" + issue.id() + "/read");
        jdbc.sql("update issue_recipient set delivered_at = delivered_at - interval '3 days' where issue_id = ?")
                .param(issue.id()).update();

        List<Inbox.Receipt> first = inbox.remindUnread(Duration.ofDays(2));
        assertThat(first).filteredOn(r -> r.code().equals("qingxi") || r.code().equals("mayong"))
                .extracting(Inbox.Receipt::code).contains("qingxi").doesNotContain("mayong");
        assertThat(inbox.remindUnread(Duration.ofDays(2))).extracting(Inbox.Receipt::code).doesNotContain("qingxi");
        assertThat(entryFor("qingxi-liaison", issue.id()).hasNonNull("remindedAt")).isTrue();
        assertThat(entryFor("mayong-liaison", issue.id()).hasNonNull("remindedAt")).isFalse();
    }
}
