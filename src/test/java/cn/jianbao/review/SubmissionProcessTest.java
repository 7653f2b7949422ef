package cn.jianbao.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.jianbao.intake.Submission;
import cn.jianbao.intake.SubmissionDraft;
import cn.jianbao.intake.SubmissionService;
import cn.jianbao.intake.SubmissionStatus;
import cn.jianbao.publication.Distribution;
import cn.jianbao.testing.JianbaoIntegrationTest;
import cn.jianbao.testing.Journeys;
import cn.jianbao.testing.TestDocuments;
import cn.jianbao.testing.Users;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every path through submission.bpmn, on the real engine and database: approve, return and
 * resubmit, reject at each step, each adoption outcome, and the start from Tasklist's form.
 */
@JianbaoIntegrationTest
class SubmissionProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired FormService forms;
    @Autowired SubmissionService submissions;
    @Autowired Users users;
    @Autowired Journeys journeys;

    @BeforeEach
    void bindAssertions() {
        AbstractAssertions.init(engine);
    }

    private ProcessInstance submit(String liaison) {
        Submission s = submissions.submit(users.person(liaison), new SubmissionDraft("流程测试" + UUID.randomUUID(),
                "dynamic", "internal", null, "清溪镇开展扫黑除恶专项斗争宣传活动，发放宣传资料三千份。", null, null, List.of()),
                null).submission();
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(s.id().toString()).singleResult();
    }

    private void complete(ProcessInstance pi, String taskKey, String user, Map<String, Object> variables) {
        Task task = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(taskKey).singleResult();
        assertThat(task).as("open task %s", taskKey).isNotNull();
        users.as(user, () -> tasks.complete(task.getId(), variables));
    }

    private static Map<String, Object> decision(String decision, String comment) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("decision", decision);
        if (comment != null) {
            vars.put("comment", comment);
        }
        return vars;
    }

    private Submission stored(ProcessInstance pi) {
        return submissions.require(UUID.fromString(pi.getBusinessKey()));
    }

    private void approveToAdoption(ProcessInstance pi) {
        complete(pi, "leaderApproval", "qingxi-leader", decision("approve", null));
        complete(pi, "officeReview", "editor", decision("approve", "内容翔实"));
    }

    @Test
    void leaderApprovalGoesToTheLeadersOfTheSubmittingUnit() {
        ProcessInstance pi = submit("qingxi-liaison");
        assertThat(pi).isWaitingAt("leaderApproval");
        assertThat(pi).task().hasCandidateGroup("qingxi-leaders").isNotAssigned();
        assertThat(stored(pi).status()).isEqualTo(SubmissionStatus.LEADER_APPROVAL);
        assertThat(runtime.getVariables(pi.getId())).containsEntry("unitCode", "qingxi")
                .containsEntry("submissionId", pi.getBusinessKey())
                .doesNotContainKeys("text", "document");
    }

    @Nested
    class Adoption {

        @Test
        void standaloneScoresTenPointsAndWaitsForPublication() {
            ProcessInstance pi = submit("qingxi-liaison");
            approveToAdoption(pi);
            assertThat(pi).isWaitingAt("adoptionDecision").task().hasCandidateGroup("signers");
            complete(pi, "adoptionDecision", "signer", Map.of("adoption", "standalone"));

            assertThat(pi).hasPassed("determinePoints", "recordAdoption").isWaitingAt("awaitPublication");
            Submission s = stored(pi);
            assertThat(s.status()).isEqualTo(SubmissionStatus.AWAITING_PUBLICATION);
            assertThat(s.adoption()).isEqualTo("standalone");
            assertThat(s.points()).isEqualTo(10);

            // published in an issue: the publication sends SubmissionPublished inside the engine
            journeys.publish(journeys.draft("briefing", "流程测试专刊", List.of(s.id()), false, Distribution.none()));
            assertThat(pi).hasPassed("recordPublication").isEnded().hasPassed("published");
            assertThat(stored(pi).status()).isEqualTo(SubmissionStatus.PUBLISHED);
        }

        @Test
        void comprehensiveScoresThreePoints() {
            ProcessInstance pi = submit("qingxi-liaison");
            approveToAdoption(pi);
            complete(pi, "adoptionDecision", "signer", Map.of("adoption", "comprehensive", "comment", "编入综合信息"));
            assertThat(pi).isWaitingAt("awaitPublication");
            assertThat(stored(pi).points()).isEqualTo(3);
            assertThat(stored(pi).adoption()).isEqualTo("comprehensive");
        }

        @Test
        void notAdoptedEndsWithoutPoints() {
            ProcessInstance pi = submit("qingxi-liaison");
            approveToAdoption(pi);
            complete(pi, "adoptionDecision", "signer", Map.of("adoption", "rejected", "comment", "与已刊信息重复"));
            assertThat(pi).hasPassed("recordNonAdoption").isEnded().hasPassed("notAdopted");
            Submission s = stored(pi);
            assertThat(s.status()).isEqualTo(SubmissionStatus.NOT_ADOPTED);
            assertThat(s.points()).isZero();
            assertThat(s.rejectionReason()).isEqualTo("与已刊信息重复");
        }

        @Test
        void anUnknownAdoptionIsRefusedAndTheTaskStaysOpen() {
            ProcessInstance pi = submit("qingxi-liaison");
            approveToAdoption(pi);
            assertThatThrownBy(() -> complete(pi, "adoptionDecision", "signer", Map.of("adoption", "maybe")))
                    .hasStackTraceContaining("请选择采用方式");
            assertThat(pi).isWaitingAt("adoptionDecision");
        }
    }

    @Nested
    class Rejection {

        @Test
        void byTheLeaderEndsRejectedWithTheReason() {
            ProcessInstance pi = submit("qingxi-liaison");
            complete(pi, "leaderApproval", "qingxi-leader", decision("reject", "不宜报送"));
            assertThat(pi).hasPassed("recordRejection").isEnded().hasPassed("rejected");
            assertThat(pi).hasNotPassed("officeReview");
            assertThat(stored(pi).status()).isEqualTo(SubmissionStatus.REJECTED);
            assertThat(stored(pi).rejectionReason()).isEqualTo("不宜报送");
        }

        @Test
        void byTheOfficeEndsRejectedWithTheReason() {
            ProcessInstance pi = submit("qingxi-liaison");
            complete(pi, "leaderApproval", "qingxi-leader", decision("approve", null));
            complete(pi, "officeReview", "editor", decision("reject", "信息已过时效"));
            assertThat(pi).hasPassed("officeReview", "recordRejection").isEnded().hasPassed("rejected");
            assertThat(stored(pi).rejectionReason()).isEqualTo("信息已过时效");
        }

        @Test
        void withoutAReasonIsRefusedAndNothingIsRecorded() {
            ProcessInstance pi = submit("qingxi-liaison");
            assertThatThrownBy(() -> complete(pi, "leaderApproval", "qingxi-leader", decision("reject", null)))
                    .hasStackTraceContaining("请填写意见说明");
            assertThat(pi).isWaitingAt("leaderApproval");
            assertThat(submissions.steps(users.person("admin"), UUID.fromString(pi.getBusinessKey())))
                    .extracting(s -> s.decision()).containsExactly("submitted");
        }
    }

    @Nested
    class ReturnAndResubmit {

        @Test
        void theLeaderReturnsTheLiaisonRevisesTheLeaderDecidesAgain() {
            ProcessInstance pi = submit("qingxi-liaison");
            complete(pi, "leaderApproval", "qingxi-leader", decision("return", "请补充具体数据"));
            assertThat(pi).isWaitingAt("revise").task().isAssignedTo("qingxi-liaison");
            assertThat(stored(pi).status()).isEqualTo(SubmissionStatus.REVISING);

            complete(pi, "revise", "qingxi-liaison", Map.of("text", "清溪镇发放宣传资料三千二百份，走访群众四百人次。",
                    "comment", "已补充数据"));
            assertThat(pi).isWaitingAt("leaderApproval");
            Submission s = stored(pi);
            assertThat(s.body()).contains("三千二百份");
            assertThat(s.revision()).isEqualTo(2);
            assertThat(submissions.steps(users.person("admin"), s.id()))
                    .extracting(st -> st.step() + ":" + st.decision() + ":" + st.actor())
                    .containsExactly("submit:submitted:qingxi-liaison", "leaderApproval:return:qingxi-leader",
                            "revise:resubmitted:qingxi-liaison");
        }

        @Test
        void theOfficeReturnsAndTheRevisedItemStartsAgainAtTheLeader() {
            ProcessInstance pi = submit("qingxi-liaison");
            complete(pi, "leaderApproval", "qingxi-leader", decision("approve", null));
            complete(pi, "officeReview", "editor", decision("return", "标题请提炼"));
            assertThat(pi).isWaitingAt("revise");
            complete(pi, "revise", "qingxi-liaison", Map.of("text", "清溪镇“三个提高”巩固宣传成效。"));
            assertThat(pi).isWaitingAt("leaderApproval");
        }

        @Test
        void aRevisedDocumentReplacesTheOldOne() throws Exception {
            ProcessInstance pi = submit("qingxi-liaison");
            complete(pi, "leaderApproval", "qingxi-leader", decision("return", "请附正式文稿"));
            Map<String, Object> vars = new HashMap<>();
            vars.put("document", Variables.fileValue("清溪镇信息.docx")
                    .file(TestDocuments.docx("清溪镇信息", "清溪镇纪委“三个提高”全面巩固宣传成效。")).create());
            complete(pi, "revise", "qingxi-liaison", vars);
            Submission s = stored(pi);
            assertThat(s.body()).contains("三个提高");
            assertThat(submissions.documents(users.person("admin"), s.id())).singleElement()
                    .satisfies(d -> assertThat(d.fileName()).isEqualTo("清溪镇信息.docx"));
            assertThat(runtime.getVariables(pi.getId())).doesNotContainKeys("document", "text");
        }

        @Test
        void anEarlierDecisionIsNeverReusedAfterResubmission() {
            ProcessInstance pi = submit("qingxi-liaison");
            complete(pi, "leaderApproval", "qingxi-leader", decision("return", "请修改"));
            complete(pi, "revise", "qingxi-liaison", Map.of("text", "修改后的正文。"));
            // completing without choosing again must not silently repeat "return"
            assertThatThrownBy(() -> complete(pi, "leaderApproval", "qingxi-leader", Map.of()))
                    .hasStackTraceContaining("请选择单位领导审批意见");
            assertThat(pi).isWaitingAt("leaderApproval");
        }

        @Test
        void aRevisionWithNothingNewIsRefused() {
            ProcessInstance pi = submit("qingxi-liaison");
            complete(pi, "leaderApproval", "qingxi-leader", decision("return", "请修改"));
            assertThatThrownBy(() -> complete(pi, "revise", "qingxi-liaison", Map.of()))
                    .hasStackTraceContaining("请修改正文或上传新的文件");
            assertThat(pi).isWaitingAt("revise");
        }
    }

    @Nested
    class StartFromTasklist {

        @Test
        void theStartFormStoresTheItemAndGivesTheProcessItsBusinessKey() throws Exception {
            Map<String, Object> form = new HashMap<>();
            form.put("title", "黄江镇开拓线索摸排新阵地");
            form.put("kind", "dynamic");
            form.put("classification", "public");
            form.put("eventTime", "2026-11-20T09:30");
            form.put("document", Variables.fileValue("黄江镇信息.docx")
                    .file(TestDocuments.docx("黄江镇开拓线索摸排新阵地", "黄江镇把专项斗争与驻点联系群众工作相结合。")).create());
            String definitionId = engine.getRepositoryService().createProcessDefinitionQuery()
                    .processDefinitionKey("submission").latestVersion().singleResult().getId();
            ProcessInstance[] started = new ProcessInstance[1];
            users.as("huangjiang-liaison", () -> started[0] = forms.submitStartForm(definitionId, form));

            ProcessInstance pi = started[0];
            assertThat(pi.getBusinessKey()).isNotNull();
            assertThat(pi).isWaitingAt("leaderApproval").task().hasCandidateGroup("huangjiang-leaders");
            Submission s = stored(pi);
            assertThat(s.unit().code()).isEqualTo("huangjiang");
            assertThat(s.liaisonId()).isEqualTo("huangjiang-liaison");
            assertThat(s.body()).contains("驻点联系群众");
            assertThat(s.eventTime()).isNotNull();
            assertThat(runtime.getVariables(pi.getId())).doesNotContainKeys("document", "text")
                    .containsEntry("title", "黄江镇开拓线索摸排新阵地");
            // the uploaded file is in our document table only, not copied into Camunda's history
            assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                    .variableName("document").count()).isZero();
            assertThat(engine.getHistoryService().createHistoricDetailQuery().processInstanceId(pi.getId())
                    .variableUpdates().list()).noneMatch(d -> "document".equals(
                    ((org.camunda.bpm.engine.history.HistoricVariableUpdate) d).getVariableName()));
            // while the rest of the history is kept as usual (the process's title, and the task's copy of it)
            assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                    .variableName("title").count()).isEqualTo(2);
        }

        @Test
        void aRefusedStartFormLeavesNoProcessAndNoItem() {
            long instancesBefore = runtime.createProcessInstanceQuery().processDefinitionKey("submission").count();
            Map<String, Object> form = new HashMap<>(Map.of("title", "空文件", "kind", "dynamic",
                    "classification", "public"));
            form.put("document", Variables.fileValue("空.docx").file(new byte[0]).create());
            String definitionId = engine.getRepositoryService().createProcessDefinitionQuery()
                    .processDefinitionKey("submission").latestVersion().singleResult().getId();
            assertThatThrownBy(() -> users.as("huangjiang-liaison", () -> forms.submitStartForm(definitionId, form)))
                    .hasStackTraceContaining("空.docx");
            assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("submission").count())
                    .isEqualTo(instancesBefore);
            assertThat(submissions.list(users.person("admin"), "huangjiang", null, 0, 100))
                    .noneMatch(s -> s.title().equals("空文件"));
        }

        @Test
        void onlyLiaisonsMayStartASubmission() {
            String definitionId = engine.getRepositoryService().createProcessDefinitionQuery()
                    .processDefinitionKey("submission").latestVersion().singleResult().getId();
            assertThatThrownBy(() -> users.as("huangjiang-leader", () -> forms.submitStartForm(definitionId,
                    Map.of("title", "领导自报", "kind", "dynamic", "classification", "public", "text", "正文"))))
                    .isInstanceOf(cn.jianbao.web.ForbiddenException.class);
        }
    }
}
