package cn.jianbao.testing;

import cn.jianbao.intake.SubmissionDraft;
import cn.jianbao.intake.SubmissionService;
import cn.jianbao.publication.Distribution;
import cn.jianbao.publication.Issue;
import cn.jianbao.publication.IssueDraft;
import cn.jianbao.publication.IssueService;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.test.context.TestComponent;

/** Short ways along the paths, through the same services the API and Tasklist use. */
@TestComponent
public class Journeys {

    private final SubmissionService submissions;
    private final IssueService issues;
    private final TaskService tasks;
    private final Users users;

    Journeys(SubmissionService submissions, IssueService issues, TaskService tasks, Users users) {
        this.submissions = submissions;
        this.issues = issues;
        this.tasks = tasks;
        this.users = users;
    }

    /** An item of the given unit, approved, reviewed and adopted: it waits for publication. */
    public UUID adopted(String unit, String title, String text, String adoption, String classification) {
        UUID id = submissions.submit(users.person(unit + "-liaison"), new SubmissionDraft(title, "dynamic",
                classification, null, text, null, null, List.of()), null).submission().id();
        complete(id, "leaderApproval", unit + "-leader", Map.of("decision", "approve"));
        complete(id, "officeReview", "editor", Map.of("decision", "approve"));
        complete(id, "adoptionDecision", "signer", Map.of("adoption", adoption));
        return id;
    }

    public Issue draft(String series, String title, List<UUID> items, boolean comprehensive, Distribution distribution) {
        return issues.create(users.person("editor"), new IssueDraft(series, title,
                items.stream().map(UUID::toString).toList(), null, comprehensive, distribution, 100));
    }

    /** Compiled by the editor and signed off by the signer. */
    public Issue publish(Issue draft) {
        completeIssue(draft.id(), "compileIssue", "editor", Map.of());
        completeIssue(draft.id(), "signOff", "signer", Map.of("decision", "approve"));
        return issues.find(draft.id()).orElseThrow();
    }

    public void complete(UUID submissionId, String taskKey, String user, Map<String, Object> variables) {
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(submissionId.toString())
                .taskDefinitionKey(taskKey).singleResult();
        users.as(user, () -> tasks.complete(task.getId(), variables));
    }

    public void completeIssue(UUID issueId, String taskKey, String user, Map<String, Object> variables) {
        complete(issueId, taskKey, user, variables);
    }
}
