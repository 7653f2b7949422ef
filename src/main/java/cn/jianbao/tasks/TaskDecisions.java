package cn.jianbao.tasks;

import cn.jianbao.directory.ActingAs;
import cn.jianbao.directory.Person;
import cn.jianbao.intake.SubmissionDraft;
import cn.jianbao.intake.SubmissionService;
import cn.jianbao.process.Decision;
import cn.jianbao.process.TaskKey;
import cn.jianbao.web.BadRequestException;
import cn.jianbao.web.ConflictException;
import cn.jianbao.web.Inputs;
import cn.jianbao.web.NotFoundException;
import cn.jianbao.web.OfficeTime;
import cn.jianbao.web.Problems;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One decision on a step, the way a person takes it on a phone: no separate claim (the step is
 * taken with the decision, in one transaction), the engine's own completion as that person, so
 * the trust boundary, the task guard and the step's listeners decide exactly as for Tasklist and
 * Camunda's REST API. Whoever comes second is told who decided and when; one decision is recorded.
 */
@Service
class TaskDecisions {

    /** What a person sends: the choice's code, the reason, and for 修改后重新报送 the new text. */
    record Request(String decision, String comment, String text) {
    }

    /** What happened, and what waits next for the person (null when nothing does). */
    record Decided(String step, String stepLabel, String decision, String decisionLabel, String title,
                   OpenTasks.OpenTask next) {
    }

    private final OpenTasks open;
    private final TaskService tasks;
    private final ActingAs acting;
    private final SubmissionService submissions;
    private final TransactionTemplate transactions;
    private final OfficeTime time;

    TaskDecisions(OpenTasks open, TaskService tasks, ActingAs acting, SubmissionService submissions,
                  TransactionTemplate transactions, OfficeTime time) {
        this.open = open;
        this.tasks = tasks;
        this.acting = acting;
        this.submissions = submissions;
        this.transactions = transactions;
        this.time = time;
    }

    Decided decide(Person me, String taskId, Request request) {
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
            throw alreadyDone(me, taskId);
        }
        OpenTasks.OpenTask step = open.find(me, taskId).orElseThrow(() -> new NotFoundException(Problems.NOT_FOUND_OR_FORBIDDEN));
        if (step.heldBy() != null && !step.heldBy().equals(me.userId())) {
            throw new ConflictException("该事项已由" + step.heldByName() + "接手办理，请与其联系，或由协调办公室改派。");
        }
        String code = request == null || request.decision() == null ? null : request.decision().strip();
        OpenTasks.Choice choice = step.choices().stream().filter(c -> c.code().equals(code)).findFirst()
                .orElseThrow(() -> new BadRequestException("decision", "请选择：" + String.join("、",
                        step.choices().stream().map(OpenTasks.Choice::label).toList()) + "。"));
        String comment = Inputs.hasText(request.comment()) ? Inputs.clean(Inputs.text("comment", request.comment())) : null;
        if (choice.reasonRequired() && comment == null) {
            throw new BadRequestException("comment", "选择“" + choice.label() + "”时请填写理由或修改要求。");
        }
        if (comment != null && comment.length() > 2000) {
            throw new BadRequestException("comment", "意见不能超过2000字。");
        }
        TaskKey key = TaskKey.of(step.step()).orElseThrow();
        try {
            if (key == TaskKey.REVISE) {
                String text = Inputs.hasText(request.text()) ? Inputs.text("text", request.text()) : null;
                submissions.revise(me, step.subjectId(), new SubmissionDraft(null, null, null, null, text, null, null,
                        List.of()));
            } else {
                Map<String, Object> variables = new HashMap<>();
                if (key != TaskKey.COMPILE_ISSUE) {
                    variables.put(key == TaskKey.ADOPTION_DECISION ? Decision.ADOPTION_VARIABLE : Decision.VARIABLE, code);
                    if (comment != null) {
                        variables.put(Decision.COMMENT, comment);
                    }
                }
                transactions.executeWithoutResult(status -> acting.run(me.userId(), () -> {
                    if (task.getAssignee() == null) {
                        tasks.claim(taskId, me.userId()); // taken with the decision: both or neither
                    }
                    tasks.complete(taskId, variables);
                }));
            }
        } catch (RuntimeException e) {
            if (tasks.createTaskQuery().taskId(taskId).count() == 0) {
                throw alreadyDone(me, taskId); // someone else's decision came first
            }
            Task now = tasks.createTaskQuery().taskId(taskId).singleResult();
            if (now.getAssignee() != null && !now.getAssignee().equals(me.userId())) {
                throw new ConflictException("该事项刚刚已由他人接手办理，请刷新后查看。");
            }
            throw e;
        }
        OpenTasks.OpenTask next = open.of(me).stream().filter(t -> !t.id().equals(taskId)).findFirst().orElse(null);
        return new Decided(step.step(), step.stepLabel(), code, choice.label(), step.title(), next);
    }

    /** Why a step is not open to the person: taken by someone (409, who and when), or never theirs (404). */
    RuntimeException notOpen(Person me, String taskId) {
        return tasks.createTaskQuery().taskId(taskId).count() == 0 ? alreadyDone(me, taskId)
                : new NotFoundException(Problems.NOT_FOUND_OR_FORBIDDEN);
    }

    /** 409 with who decided, for someone who could have; otherwise the answer of a step that never was. */
    private RuntimeException alreadyDone(Person me, String taskId) {
        var done = open.done(me, taskId);
        if (done.isEmpty()) {
            return new NotFoundException(Problems.NOT_FOUND_OR_FORBIDDEN);
        }
        String when = DateTimeFormatter.ofPattern("M月d日 HH:mm").format(done.get().at().atZoneSameInstant(time.zone()));
        ConflictException e = new ConflictException(done.get().name() == null ? "该事项已于" + when + "处理完毕。"
                : "该事项已由" + done.get().name() + "于" + when + "处理，无需再办。");
        e.properties().put("decidedBy", done.get().name());
        e.properties().put("decidedAt", done.get().at());
        return e;
    }
}
