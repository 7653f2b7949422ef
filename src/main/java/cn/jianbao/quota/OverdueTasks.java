package cn.jianbao.quota;

import cn.jianbao.directory.Role;
import cn.jianbao.intake.Submission;
import cn.jianbao.intake.SubmissionService;
import cn.jianbao.notification.Notice;
import cn.jianbao.notification.Notifications;
import cn.jianbao.process.Processes;
import cn.jianbao.process.TaskKey;
import cn.jianbao.web.OfficeTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A step waiting past its due date notifies the next person up, once per task: a revision waits on
 * the liaison, so the unit's leader hears; a leader's approval, so the office (editors); the
 * office's review and adoption, so the signers. Whoever holds the step is told too.
 */
@Component
class OverdueTasks {

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final SubmissionService submissions;
    private final Notifications notifications;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final OfficeTime time;

    OverdueTasks(TaskService tasks, RuntimeService runtime, SubmissionService submissions, Notifications notifications, JdbcClient jdbc,
                 TransactionTemplate tx, OfficeTime time) {
        this.tasks = tasks;
        this.runtime = runtime;
        this.submissions = submissions;
        this.notifications = notifications;
        this.jdbc = jdbc;
        this.tx = tx;
        this.time = time;
    }

    @Scheduled(fixedDelayString = "${jianbao.quotas.overdue-check:PT5M}", initialDelayString = "PT1M")
    void check() {
        // the most recently overdue first: steps escalated long ago come back here but are skipped
        for (Task task : tasks.createTaskQuery().processDefinitionKey(Processes.SUBMISSION)
                .dueBefore(java.util.Date.from(time.now().toInstant())).orderByDueDate().desc().listPage(0, 500)) {
            tx.executeWithoutResult(status -> escalate(task));
        }
    }

    /** Returns who was told, empty when the task had already been escalated (by this or another node). */
    List<String> escalate(Task task) {
        TaskKey key = TaskKey.of(task.getTaskDefinitionKey()).orElse(null);
        if (key == null || !TaskDueDates.STEPS.contains(key.id())) {
            return List.of();
        }
        var instance = runtime.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId()).singleResult();
        if (instance == null) {
            return List.of(); // finished meanwhile
        }
        Submission s = submissions.ofProcess(instance.getBusinessKey(), instance.getId());
        int first = jdbc.sql("""
                insert into task_escalation (task_id, submission_id, step, notified, escalated_at)
                values (?, ?, ?, '', ?) on conflict do nothing""")
                .params(task.getId(), s.id(), key.id(), time.now()).update();
        if (first == 0) {
            return List.of();
        }
        String due = task.getDueDate().toInstant().atZone(time.zone()).format(DateTimeFormatter.ofPattern("M月d日 HH:mm"));
        String what = s.unit().name() + "的信息（" + s.number() + "）“" + key.label() + "”已超过办理时限（" + due + "截止）";
        Notice notice = Notice.about(Notice.Kind.TASK_OVERDUE, what, s.id(), s.title(), s.classification());
        List<String> told = new ArrayList<>();
        switch (key) {
            case REVISE -> {
                told.addAll(notifications.send(Role.LIAISON, s.unit().code(), notice));
                told.addAll(notifications.send(Role.LEADER, s.unit().code(), notice));
            }
            case LEADER_APPROVAL -> {
                told.addAll(notifications.send(Role.LEADER, s.unit().code(), notice));
                told.addAll(notifications.send(Role.EDITOR, null, notice));
            }
            default -> {
                told.addAll(notifications.send(Role.EDITOR, null, notice));
                told.addAll(notifications.send(Role.SIGNER, null, notice));
            }
        }
        jdbc.sql("update task_escalation set notified = ? where task_id = ?")
                .params(String.join(",", told.stream().distinct().toList()), task.getId()).update();
        return told;
    }

}
