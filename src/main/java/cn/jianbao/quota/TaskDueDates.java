package cn.jianbao.quota;

import cn.jianbao.assessment.RuleBook;
import cn.jianbao.assessment.RuleTable;
import cn.jianbao.intake.Submission;
import cn.jianbao.intake.SubmissionService;
import cn.jianbao.process.Processes;
import cn.jianbao.process.TaskKey;
import cn.jianbao.web.OfficeTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.Set;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Every step of an item's approval gets a due date from its urgency (the report deadline table's
 * {@code stepHours}), so Tasklist sorts and marks overdue work. Added by a parse listener, as a
 * built-in listener, so no model change can drop it; the urgency is read from our stored item,
 * never from a variable.
 */
@Component
class TaskDueDates extends AbstractProcessEnginePlugin {

    static final Set<String> STEPS = Set.of(TaskKey.LEADER_APPROVAL.id(), TaskKey.OFFICE_REVIEW.id(),
            TaskKey.ADOPTION_DECISION.id(), TaskKey.REVISE.id());

    private final SubmissionService submissions;
    private final RuleBook rules;
    private final OfficeTime time;

    TaskDueDates(@Lazy SubmissionService submissions, @Lazy RuleBook rules, OfficeTime time) {
        this.submissions = submissions;
        this.rules = rules;
        this.time = time;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        var listeners = configuration.getCustomPostBPMNParseListeners() == null ? new ArrayList<BpmnParseListener>()
                : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                if (!Processes.SUBMISSION.equals(((org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity) activity.getProcessDefinition()).getKey()) || !STEPS.contains(activity.getId())) {
                    return;
                }
                ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
                        .addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, task -> {
                            Submission s = submissions.ofProcess(task.getExecution().getProcessBusinessKey(),
                                    task.getProcessInstanceId());
                            Date now = Date.from(time.now().toInstant()); // the application's clock
                            Object hours = rules.evaluate(RuleTable.REPORT_DEADLINE, s.timeliness().urgency().code(),
                                    now.toInstant().atZone(time.zone()).toLocalDate()).outputs().get("stepHours");
                            if (hours instanceof Number n && n.doubleValue() > 0) {
                                task.setDueDate(Date.from(now.toInstant().plus(Duration.ofSeconds(Math.round(n.doubleValue() * 3600)))));
                            }
                        });
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
    }
}
