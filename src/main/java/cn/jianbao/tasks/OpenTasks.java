package cn.jianbao.tasks;

import cn.jianbao.assessment.RuleBook;
import cn.jianbao.assessment.RuleTable;
import cn.jianbao.directory.Directory;
import cn.jianbao.directory.Person;
import cn.jianbao.intake.Submission;
import cn.jianbao.intake.SubmissionService;
import cn.jianbao.process.Decision;
import cn.jianbao.process.Processes;
import cn.jianbao.process.TaskKey;
import cn.jianbao.publication.Issue;
import cn.jianbao.publication.IssueService;
import cn.jianbao.web.OfficeTime;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Service;

/**
 * The steps a person may take now: a task of an item's or an issue's path whose candidates include
 * one of their groups, or which is theirs. Read as the application and filtered by the person's
 * groups, so the list, the count and the notices agree with who the engine boundary lets decide.
 */
@Service
public class OpenTasks {

    /** The steps worked here; a commission's answer is worked on the commission's page. */
    static final Set<String> STEPS = Set.of(TaskKey.LEADER_APPROVAL.id(), TaskKey.OFFICE_REVIEW.id(),
            TaskKey.ADOPTION_DECISION.id(), TaskKey.REVISE.id(), TaskKey.COMPILE_ISSUE.id(), TaskKey.SIGN_OFF.id());

    /** One choice a step offers: its code, its words, whether a reason must come with it. */
    public record Choice(String code, String label, boolean reasonRequired, String tone) {
    }

    /** A step waiting, as the 待办 list and the step's form show it. */
    public record OpenTask(String id, String step, String stepLabel, String subject, UUID subjectId, String number,
                           String title, boolean restricted, String unitName, String kindLabel, String urgencyLabel,
                           OffsetDateTime since, OffsetDateTime due, boolean overdue, String heldBy, String heldByName,
                           List<Choice> choices, String link) {
    }

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final SubmissionService submissions;
    private final IssueService issues;
    private final Directory directory;
    private final RuleBook rules;
    private final OfficeTime time;
    private final Clock clock;

    OpenTasks(TaskService tasks, RuntimeService runtime, HistoryService history, SubmissionService submissions,
              IssueService issues, Directory directory, RuleBook rules, OfficeTime time, Clock clock) {
        this.tasks = tasks;
        this.runtime = runtime;
        this.history = history;
        this.submissions = submissions;
        this.issues = issues;
        this.directory = directory;
        this.rules = rules;
        this.time = time;
        this.clock = clock;
    }

    private TaskQuery query(Person me) {
        return tasks.createTaskQuery().or().taskCandidateGroupIn(me.groups()).taskAssignee(me.userId()).endOr()
                .processDefinitionKeyIn(Processes.SUBMISSION, Processes.ISSUE_PUBLICATION)
                .taskDefinitionKeyIn(STEPS.toArray(String[]::new));
    }

    /** The person's open steps, oldest first (what waits longest comes first). */
    public List<OpenTask> of(Person me) {
        if (me.groups().isEmpty()) {
            return List.of();
        }
        List<Task> found = query(me).orderByTaskCreateTime().asc().listPage(0, 200);
        return views(found.stream().filter(t -> mine(me, t)).toList());
    }

    public long count(Person me) {
        return me.groups().isEmpty() ? 0 : of(me).size();
    }

    /** One open step of the person's; empty when it is not open or not theirs (the same answer for both). */
    public Optional<OpenTask> find(Person me, String taskId) {
        Task t = tasks.createTaskQuery().taskId(taskId).singleResult();
        if (t == null || !STEPS.contains(t.getTaskDefinitionKey()) || !may(me, t)) {
            return Optional.empty();
        }
        return views(List.of(t)).stream().findFirst();
    }

    /** Whether the person may take the step: one of its candidate groups, or it is theirs. */
    boolean may(Person me, Task t) {
        if (me.userId().equals(t.getAssignee())) {
            return true;
        }
        Set<String> groups = Set.copyOf(me.groups());
        return tasks.getIdentityLinksForTask(t.getId()).stream()
                .anyMatch(l -> "candidate".equals(l.getType()) && l.getGroupId() != null && groups.contains(l.getGroupId()));
    }

    /** Not taken by someone else of the group (then it is theirs to finish, or the office's to hand on). */
    private boolean mine(Person me, Task t) {
        return t.getAssignee() == null || me.userId().equals(t.getAssignee());
    }

    /** Who took a step that is no longer open, and when, for "已由某某处理". */
    public record Done(String userId, String name, OffsetDateTime at, String outcome) {
    }

    /** Told only to someone who could have taken the step (a candidate, or the one it was given to). */
    public Optional<Done> done(Person me, String taskId) {
        HistoricTaskInstance h = history.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
        if (h == null || h.getEndTime() == null) {
            return Optional.empty();
        }
        Set<String> groups = Set.copyOf(me.groups());
        boolean couldHave = history.createHistoricIdentityLinkLogQuery().taskId(taskId).list().stream()
                .anyMatch(l -> me.userId().equals(l.getUserId()) || l.getGroupId() != null && groups.contains(l.getGroupId()));
        if (!couldHave) {
            return Optional.empty();
        }
        String who = h.getAssignee();
        return Optional.of(new Done(who, who == null ? null : directory.displayName(who),
                h.getEndTime().toInstant().atOffset(ZoneOffset.UTC), h.getDeleteReason()));
    }

    private List<OpenTask> views(List<Task> list) {
        Map<String, String> keys = new HashMap<>();
        Set<String> ids = list.stream().map(Task::getProcessInstanceId).collect(Collectors.toSet());
        if (!ids.isEmpty()) {
            for (ProcessInstance p : runtime.createProcessInstanceQuery().processInstanceIds(ids).list()) {
                keys.put(p.getId(), p.getBusinessKey());
            }
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<OpenTask> out = new ArrayList<>();
        for (Task t : list) {
            String key = keys.get(t.getProcessInstanceId());
            if (key == null) {
                continue;
            }
            TaskKey step = TaskKey.of(t.getTaskDefinitionKey()).orElseThrow();
            OffsetDateTime due = offset(t.getDueDate());
            String held = t.getAssignee();
            String heldName = held == null ? null : directory.displayName(held);
            if (step == TaskKey.COMPILE_ISSUE || step == TaskKey.SIGN_OFF) {
                Issue issue = issues.ofProcess(key, t.getProcessInstanceId());
                out.add(new OpenTask(t.getId(), step.id(), step.label(), "issue", issue.id(), null, issue.title(), false,
                        "协调办公室", issue.series().label() + "（" + issue.items().size() + "条）", null,
                        offset(t.getCreateTime()), due, due != null && due.isBefore(now), held, heldName, choices(step),
                        "/tasks/" + t.getId()));
            } else {
                Submission s = submissions.ofProcess(key, t.getProcessInstanceId());
                out.add(new OpenTask(t.getId(), step.id(), step.label(), "submission", s.id(), s.number(), s.title(),
                        s.classification() == cn.jianbao.access.Classification.RESTRICTED, s.unit().name(),
                        s.kind().label(), s.timeliness() == null ? null : s.timeliness().urgency().label(),
                        offset(t.getCreateTime()), due, due != null && due.isBefore(now), held, heldName, choices(step),
                        "/tasks/" + t.getId()));
            }
        }
        return out;
    }

    /** What each step offers, with the points the adoption table gives today. */
    List<Choice> choices(TaskKey step) {
        return switch (step) {
            case LEADER_APPROVAL -> List.of(new Choice(Decision.APPROVE.code(), "同意报送", false, "approve"),
                    new Choice(Decision.RETURN.code(), "退回修改", true, "return"),
                    new Choice(Decision.REJECT.code(), "不予报送", true, "reject"));
            case OFFICE_REVIEW -> List.of(new Choice(Decision.APPROVE.code(), "审核通过", false, "approve"),
                    new Choice(Decision.RETURN.code(), "退回修改", true, "return"),
                    new Choice(Decision.REJECT.code(), "退稿", true, "reject"));
            case ADOPTION_DECISION -> List.of(
                    new Choice(Decision.STANDALONE.code(), "单独刊发" + points("standalone"), false, "approve"),
                    new Choice(Decision.COMPREHENSIVE.code(), "综合采用" + points("comprehensive"), false, "approve"),
                    new Choice(Decision.NOT_ADOPTED.code(), "不予采用", false, "reject"));
            case SIGN_OFF -> List.of(new Choice(Decision.APPROVE.code(), "签发", false, "approve"),
                    new Choice(Decision.RETURN.code(), "退回修改", true, "return"));
            case REVISE -> List.of(new Choice(Decision.RESUBMITTED.code(), "重新报送", false, "approve"));
            case COMPILE_ISSUE -> List.of(new Choice(Decision.COMPILED.code(), "送签发", false, "approve"));
            default -> List.of();
        };
    }

    private String points(String adoption) {
        try {
            double p = rules.evaluate(RuleTable.ADOPTION, adoption, time.today()).value();
            return "（计" + (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)) + "分）";
        } catch (RuntimeException e) {
            return ""; // the table answers at the adoption itself; the label does without
        }
    }

    private static OffsetDateTime offset(Date d) {
        return d == null ? null : d.toInstant().atOffset(ZoneOffset.UTC);
    }
}
