package cn.jianbao.access;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.access.WritePolicy.Action;
import cn.jianbao.directory.Person;
import cn.jianbao.directory.Role;
import cn.jianbao.directory.Unit;
import cn.jianbao.directory.UnitKind;
import cn.jianbao.testing.JianbaoIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The write policy, every cell: each role × each write, the expectations written here from the
 * README's rules (pages by role, the office's tools, the auditor who changes nothing), not read
 * from WritePolicy. Then the doors: each write through the API by a role that may not, refused
 * with the action's reason — so a service that stops asking fails here too.
 */
class WritePolicyMatrixTest {

    private static final Map<Action, Set<Role>> EXPECTED = new EnumMap<>(Action.class);

    static {
        EXPECTED.put(Action.SUBMIT, EnumSet.of(Role.LIAISON));
        EXPECTED.put(Action.REVISE_RETURNED, EnumSet.of(Role.LIAISON));
        EXPECTED.put(Action.EDIT_AS_OFFICE, EnumSet.of(Role.EDITOR, Role.SIGNER));
        EXPECTED.put(Action.COMPOSE_ISSUE, EnumSet.of(Role.EDITOR, Role.ADMIN));
        EXPECTED.put(Action.SAVE_DISTRIBUTION_LIST, EnumSet.of(Role.EDITOR, Role.ADMIN));
        EXPECTED.put(Action.PRINT_NUMBERED_COPIES, EnumSet.of(Role.EDITOR, Role.SIGNER, Role.ADMIN));
        EXPECTED.put(Action.ACKNOWLEDGE_ISSUE, EnumSet.of(Role.LIAISON, Role.LEADER, Role.EDITOR, Role.SIGNER, Role.ADMIN));
        EXPECTED.put(Action.COMMISSION, EnumSet.of(Role.EDITOR, Role.SIGNER));
        EXPECTED.put(Action.DECLINE_COMMISSION, EnumSet.of(Role.LIAISON, Role.LEADER));
        EXPECTED.put(Action.REMIND_QUOTA, EnumSet.of(Role.EDITOR, Role.SIGNER, Role.ADMIN));
        EXPECTED.put(Action.RECORD_ASSESSMENT, EnumSet.of(Role.EDITOR, Role.SIGNER, Role.ADMIN));
        EXPECTED.put(Action.CHANGE_RULES, EnumSet.of(Role.ADMIN));
        EXPECTED.put(Action.CHANGE_ASSESSMENT_POLICY, EnumSet.of(Role.ADMIN));
        EXPECTED.put(Action.MAINTAIN_SYNONYMS, EnumSet.of(Role.EDITOR, Role.SIGNER, Role.ADMIN));
        EXPECTED.put(Action.REBUILD_ARCHIVE, EnumSet.of(Role.ADMIN));
    }

    private static Person person(Role role) {
        Unit unit = role == Role.LIAISON || role == Role.LEADER ? new Unit("qingxi", "清溪镇", UnitKind.TOWN)
                : new Unit("office", "扫黑办", UnitKind.OFFICE);
        return new Person("p-" + role.code(), role.label(), unit, Set.of(role));
    }

    @Test
    void everyRoleAndEveryWriteAsTheRulesSay() {
        assertThat(EXPECTED.keySet()).as("every write has its row here").containsExactlyInAnyOrder(Action.values());
        for (Action action : Action.values()) {
            for (Role role : Role.values()) {
                boolean expected = EXPECTED.get(action).contains(role);
                assertThat(WritePolicy.allows(person(role), action)).as("%s %s", role, action).isEqualTo(expected);
                if (!expected) {
                    try {
                        WritePolicy.require(person(role), action);
                        throw new AssertionError(role + " " + action + " not refused");
                    } catch (WritePolicy.Refused refused) {
                        assertThat(refused.getMessage()).isEqualTo(action.refusal()).matches(".*[\\u4e00-\\u9fa5].*");
                    }
                }
            }
        }
        // the auditor reads everything and changes nothing
        assertThat(Action.values()).noneMatch(a -> WritePolicy.allows(person(Role.AUDITOR), a));
        assertThat(WritePolicy.allows(null, Action.SUBMIT)).isFalse();
    }

    /** Each write through the API by a role that may not: 403 with the action's reason, nothing done. */
    @Nested
    @JianbaoIntegrationTest
    class Doors {

        @Autowired TestRestTemplate http;

        private ResponseEntity<JsonNode> json(String user, HttpMethod method, String url, Object body) {
            HttpHeaders headers = new HttpHeaders();
            headers.setContentType(MediaType.APPLICATION_JSON);
            return http.withBasicAuth(user, "demo").exchange(url, method, new HttpEntity<>(body, headers), JsonNode.class);
        }

        private void refused(ResponseEntity<JsonNode> r, Action action) {
            assertThat(r.getStatusCode()).as(action.name()).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(r.getBody().path("detail").asText()).as(action.name()).isEqualTo(action.refusal());
        }

        @Test
        void aRoleThatMayNotIsRefusedAtEveryDoor() {
            LinkedMultiValueMap<String, Object> submission = new LinkedMultiValueMap<>();
            HttpHeaders part = new HttpHeaders();
            part.setContentType(MediaType.APPLICATION_JSON);
            submission.add("meta", new HttpEntity<>("{\"title\":\"不应存下\",\"kind\":\"dynamic\",\"classification\":\"public\","
                    + "\"text\":\"正文。\"}", part));
            HttpHeaders multipart = new HttpHeaders();
            multipart.setContentType(MediaType.MULTIPART_FORM_DATA);
            refused(http.withBasicAuth("huangjiang-leader", "demo").exchange("/api/submissions", HttpMethod.POST,
                    new HttpEntity<>(submission, multipart), JsonNode.class), Action.SUBMIT);
            refused(json("signer", HttpMethod.POST, "/api/issues", Map.of("series", "briefing", "title", "x",
                    "submissionIds", List.of(UUID.randomUUID().toString()))), Action.COMPOSE_ISSUE);
            refused(json("signer", HttpMethod.POST, "/api/distribution-lists", Map.of("name", "x",
                    "distribution", Map.of("report", List.of("office")))), Action.SAVE_DISTRIBUTION_LIST);
            refused(json("qingxi-liaison", HttpMethod.POST, "/api/commissions", Map.of("title", "x")), Action.COMMISSION);
            refused(json("qingxi-liaison", HttpMethod.POST, "/api/quotas/remind", Map.of()), Action.REMIND_QUOTA);
            refused(json("qingxi-liaison", HttpMethod.POST, "/api/units/qingxi/deductions", Map.of("rule", "late")),
                    Action.RECORD_ASSESSMENT);
            refused(json("editor", HttpMethod.PUT, "/api/assessment/settings", Map.of("rankPublicly", true)),
                    Action.CHANGE_ASSESSMENT_POLICY);
            refused(json("auditor", HttpMethod.POST, "/api/synonyms", Map.of("terms", List.of("个税", "个人所得税"))),
                    Action.MAINTAIN_SYNONYMS);
            refused(json("editor", HttpMethod.POST, "/api/archive/rebuild", null), Action.REBUILD_ARCHIVE);
            LinkedMultiValueMap<String, Object> rules = new LinkedMultiValueMap<>();
            rules.add("effectiveFrom", "2030-01-01");
            refused(http.withBasicAuth("editor", "demo").exchange("/api/rules", HttpMethod.POST,
                    new HttpEntity<>(rules, multipart), JsonNode.class), Action.CHANGE_RULES);
        }
    }
}
