package cn.jianbao.tasks;

import cn.jianbao.access.Classification;
import cn.jianbao.intake.Submission;
import cn.jianbao.intake.SubmissionService;
import cn.jianbao.notification.Notice;
import cn.jianbao.notification.Notifications;
import cn.jianbao.process.Processes;
import cn.jianbao.process.TaskKey;
import cn.jianbao.publication.Issue;
import cn.jianbao.publication.IssueService;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The moment a step arrives, everyone who may take it is told (a notice of kind 待办, or 退回修改
 * for the liaison's revision), linking to the step's form; when someone decides, or the step ends
 * otherwise, every such notice is done and what was not yet sent is withdrawn. Built-in listeners
 * (added while the models are parsed), in the engine's transaction: no model change drops them,
 * and a step never exists without its notices, nor a notice without its step.
 */
@Component
class TaskNotices extends AbstractProcessEnginePlugin {

    private final Notifications notifications;
    private final SubmissionService submissions;
    private final IssueService issues;
    private final IdentityService identity;

    TaskNotices(@Lazy Notifications notifications, @Lazy SubmissionService submissions, @Lazy IssueService issues,
                @Lazy IdentityService identity) {
        this.notifications = notifications;
        this.submissions = submissions;
        this.issues = issues;
        this.identity = identity;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        var listeners = configuration.getCustomPostBPMNParseListeners() == null ? new ArrayList<BpmnParseListener>()
                : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                String process = ((ProcessDefinitionEntity) activity.getProcessDefinition()).getKey();
                if (!(Processes.SUBMISSION.equals(process) || Processes.ISSUE_PUBLICATION.equals(process))
                        || !OpenTasks.STEPS.contains(activity.getId())) {
                    return;
                }
                TaskDefinition definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
                definition.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, TaskNotices.this::arrived);
                definition.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, t -> notifications.withdraw(t.getId()));
                definition.addBuiltInTaskListener(TaskListener.EVENTNAME_DELETE, t -> notifications.withdraw(t.getId()));
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    void arrived(DelegateTask task) {
        TaskKey step = TaskKey.of(task.getTaskDefinitionKey()).orElseThrow();
        Set<String> who = new LinkedHashSet<>();
        if (task.getAssignee() != null) {
            who.add(task.getAssignee());
        }
        task.getCandidates().stream().filter(l -> l.getGroupId() != null).forEach(l ->
                identity.createUserQuery().memberOfGroup(l.getGroupId()).list().stream().map(User::getId).forEach(who::add));
        task.getCandidates().stream().filter(l -> l.getUserId() != null).forEach(l -> who.add(l.getUserId()));
        String key = task.getExecution().getProcessBusinessKey();
        Notice notice;
        if (step == TaskKey.COMPILE_ISSUE || step == TaskKey.SIGN_OFF) {
            Issue issue = issues.ofProcess(key, task.getProcessInstanceId());
            notice = Notice.forTask(Notice.Kind.TASK, step == TaskKey.SIGN_OFF ? "有一期简报待您签发" : "有一期简报待您编排",
                    task.getId(), null, issue.title(), Classification.INTERNAL);
        } else {
            Submission s = submissions.ofProcess(key, task.getProcessInstanceId());
            notice = Notice.forTask(step == TaskKey.REVISE ? Notice.Kind.RETURNED : Notice.Kind.TASK,
                    what(step, s.number()), task.getId(), s.id(), s.title(), s.classification());
        }
        notifications.send(who, notice);
    }

    /** The sentence names the item by its 报送编号: a restricted item's notice carries no title. */
    static String what(TaskKey step, String number) {
        return switch (step) {
            case LEADER_APPROVAL -> "有一条信息（" + number + "）待您审批";
            case OFFICE_REVIEW -> "有一条信息（" + number + "）待您审核";
            case ADOPTION_DECISION -> "有一条信息（" + number + "）待您决定是否采用";
            case REVISE -> "信息（" + number + "）被退回修改，请查看退回理由后修改并重新报送";
            default -> "有一项工作待您办理";
        };
    }
}
