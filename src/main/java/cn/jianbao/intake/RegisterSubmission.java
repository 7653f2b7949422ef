package cn.jianbao.intake;

import cn.jianbao.directory.Directory;
import cn.jianbao.directory.Person;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Start of "信息已报送": when the process was started from Tasklist's start form rather than
 * through {@link SubmissionService#submit}, stores what the form carried and gives the
 * process its business key. A refused item fails the start, so no process is left behind.
 */
@Component("registerSubmission")
class RegisterSubmission implements ExecutionListener {

    private final SubmissionService submissions;
    private final Directory directory;

    RegisterSubmission(SubmissionService submissions, Directory directory) {
        this.submissions = submissions;
        this.directory = directory;
    }

    @Override
    public void notify(DelegateExecution execution) {
        if (execution.hasVariable("submissionId")) {
            return; // stored by SubmissionService.submit before the start
        }
        String initiator = (String) execution.getVariable("initiator");
        Person liaison = initiator == null ? null : directory.person(initiator).orElse(null);
        if (liaison == null) {
            throw new AccessDeniedException("只有登记在单位的信息联络员可以报送信息。");
        }
        UUID id = UUID.randomUUID();
        Map<String, Object> variables = submissions.registerStarted(id, liaison, FormVariables.draft(execution),
                execution.getProcessInstanceId());
        execution.setProcessBusinessKey(id.toString());
        FormVariables.remove(execution);
        execution.setVariables(variables);
    }
}
