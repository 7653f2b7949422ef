package cn.jianbao.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.jianbao.intake.SubmissionService;
import cn.jianbao.intake.SubmissionStatus;
import cn.jianbao.testing.JianbaoIntegrationTest;
import cn.jianbao.testing.Journeys;
import cn.jianbao.testing.Users;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every path through issue-publication.bpmn, the rules of compiling, and gap-free numbering. */
@JianbaoIntegrationTest
class IssuePublicationProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired IssueService issues;
    @Autowired SubmissionService submissions;
    @Autowired Journeys journeys;
    @Autowired Users users;

    @BeforeEach
    void bindAssertions() {
        AbstractAssertions.init(engine);
    }

    private ProcessInstance process(Issue issue) {
        return runtime.createProcessInstanceQuery().processInstanceId(issue.processInstanceId()).singleResult();
    }

    @Test
    void compiledSignedOffAndPublishedWithTheNextNumber() {
        UUID item = journeys.adopted("mayong", "麻涌镇“四个加强”", "麻涌镇加强基层建设。", "standalone", "public");
        Issue draft = journeys.draft("flash", "快报：麻涌镇“四个加强”", List.of(item), false, Distribution.none());
        ProcessInstance pi = process(draft);
        assertThat(pi).isWaitingAt("compileIssue").task().hasCandidateGroup("editors");
        journeys.completeIssue(draft.id(), "compileIssue", "editor", Map.of());
        assertThat(pi).isWaitingAt("signOff").task().hasCandidateGroup("signers");
        journeys.completeIssue(draft.id(), "signOff", "signer", Map.of("decision", "approve"));

        assertThat(pi).hasPassed("publishIssue").isEnded().hasPassed("issuePublished");
        Issue published = issues.find(draft.id()).orElseThrow();
        assertThat(published.published()).isTrue();
        assertThat(published.number()).isPositive();
        assertThat(published.signedBy()).isEqualTo("signer");
        // the item's own process ended as published
        assertThat(submissions.require(item).status()).isEqualTo(SubmissionStatus.PUBLISHED);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(item.toString()).count()).isZero();
    }

    @Test
    void aReturnedIssueGoesBackToCompilingAndNeedsAReason() {
        UUID item = journeys.adopted("qingxi", "清溪镇信息", "清溪镇开展宣传。", "standalone", "public");
        Issue draft = journeys.draft("briefing", "简报：清溪镇", List.of(item), false, Distribution.none());
        ProcessInstance pi = process(draft);
        journeys.completeIssue(draft.id(), "compileIssue", "editor", Map.of());
        assertThatThrownBy(() -> journeys.completeIssue(draft.id(), "signOff", "signer", Map.of("decision", "return")))
                .hasStackTraceContaining("请填写意见说明");
        journeys.completeIssue(draft.id(), "signOff", "signer", Map.of("decision", "return", "comment", "标题再精炼"));
        assertThat(pi).isWaitingAt("compileIssue");
        assertThat(issues.find(draft.id()).orElseThrow().published()).isFalse();
        // a second round without a fresh decision is refused, not taken as the old "return"
        journeys.completeIssue(draft.id(), "compileIssue", "editor", Map.of());
        assertThatThrownBy(() -> journeys.completeIssue(draft.id(), "signOff", "signer", Map.of()))
                .hasStackTraceContaining("请选择签发意见");
        journeys.completeIssue(draft.id(), "signOff", "signer", Map.of("decision", "approve"));
        assertThat(pi).isEnded();
        assertThat(issues.steps(users.person("auditor"), draft.id())).extracting(IssueRepository.StepRow::decision)
                .containsExactly("compiled", "return", "compiled", "approve");
    }

    @Test
    void comprehensiveItemsAreGatheredIntoAComprehensiveIssue() {
        UUID a = journeys.adopted("huangjiang", "黄江镇综合信息", "黄江镇动态一。", "comprehensive", "public");
        UUID b = journeys.adopted("qingxi", "清溪镇综合信息", "清溪镇动态二。", "comprehensive", "internal");
        assertThatThrownBy(() -> journeys.draft("briefing", "综合", List.of(a, b), false, Distribution.none()))
                .isInstanceOf(IssueRejectedException.class).hasMessageContaining("综合简报");
        Issue published = journeys.publish(journeys.draft("briefing", "动态速递", List.of(a, b), true,
                new Distribution(List.of("office"), List.of(), List.of("huangjiang", "qingxi"))));
        assertThat(published.items()).extracting(Issue.Item::submissionId).containsExactly(a, b);
        assertThat(submissions.require(b).status()).isEqualTo(SubmissionStatus.PUBLISHED);
    }

    @Test
    void aStandaloneItemStandsAloneAndOnlyAdoptedUnpublishedItemsQualify() {
        UUID standalone = journeys.adopted("police", "公安分局专报素材", "公安分局破获案件。", "standalone", "public");
        UUID other = journeys.adopted("police", "公安分局综合信息", "公安分局动态。", "comprehensive", "public");
        assertThatThrownBy(() -> journeys.draft("special", "专报", List.of(standalone, other), true, Distribution.none()))
                .isInstanceOf(IssueRejectedException.class).hasMessageContaining("单独刊发");
        assertThatThrownBy(() -> journeys.draft("special", "专报", List.of(), false, Distribution.none()))
                .isInstanceOf(IssueRejectedException.class);
        assertThatThrownBy(() -> journeys.draft("special", "专报", List.of(standalone), false,
                new Distribution(List.of("nobody-here"), List.of(), List.of())))
                .isInstanceOf(IssueRejectedException.class).hasMessageContaining("nobody-here");
        journeys.publish(journeys.draft("special", "专报", List.of(standalone), false, Distribution.none()));
        // published items cannot go into another issue
        assertThatThrownBy(() -> journeys.draft("special", "再刊", List.of(standalone), false, Distribution.none()))
                .isInstanceOf(IssueRejectedException.class).hasMessageContaining("已刊发");
        assertThatThrownBy(() -> issues.create(users.person("huangjiang-liaison"), new IssueDraft("special", "x",
                List.of(other.toString()), null, true, null, 10)))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
    }

    @Test
    void twoIssuesSignedOffAtTheSameMomentGetConsecutiveNumbers() throws Exception {
        List<Issue> drafts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            UUID item = journeys.adopted("propaganda", "宣传部信息" + i, "宣传部正文" + i, "standalone", "public");
            Issue draft = journeys.draft("circular", "通报" + i, List.of(item), false, Distribution.none());
            journeys.completeIssue(draft.id(), "compileIssue", "editor", Map.of());
            drafts.add(draft);
        }
        CyclicBarrier start = new CyclicBarrier(drafts.size());
        List<CompletableFuture<Void>> signOffs = drafts.stream().map(d -> CompletableFuture.runAsync(() -> {
            try {
                start.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            journeys.completeIssue(d.id(), "signOff", "signer", Map.of("decision", "approve"));
        })).toList();
        CompletableFuture.allOf(signOffs.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        List<Integer> numbers = drafts.stream().map(d -> issues.find(d.id()).orElseThrow().number()).sorted().toList();
        assertThat(numbers).doesNotHaveDuplicates().doesNotContainNull();
        assertThat(numbers.get(numbers.size() - 1) - numbers.get(0)).isEqualTo(numbers.size() - 1);
    }
}
