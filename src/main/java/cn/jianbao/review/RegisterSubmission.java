package cn.jianbao.review;

import cn.jianbao.web.OfficeTime;
import cn.jianbao.directory.Directory;
import cn.jianbao.directory.Person;
import cn.jianbao.intake.SubmissionService;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Start of "信息已报送". Started by {@link SubmissionService#submit}, the business key names the
 * item it stored a moment ago, which is bound to this instance (once: a key that is already bound
 * is refused). Started from Tasklist's start form, there is no business key (the engine boundary
 * refuses one from a caller): the item the form describes is stored for the signed-in user, never
 * for a user a variable names, and gets its key here. A refused item fails the start.
 */
@Component("registerSubmission")
class RegisterSubmission implements ExecutionListener {

    private final SubmissionService submissions;
    private final Directory directory;
    private final IdentityService identity;
    private final OfficeTime time;

    RegisterSubmission(SubmissionService submissions, Directory directory, IdentityService identity, OfficeTime time) {
        this.submissions = submissions;
        this.directory = directory;
        this.identity = identity;
        this.time = time;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String key = execution.getProcessBusinessKey();
        if (key != null) {
            UUID id;
            try {
                id = UUID.fromString(key);
            } catch (IllegalArgumentException e) {
                throw new AccessDeniedException("信息报送流程只能由本系统启动。");
            }
            submissions.bind(id, execution.getProcessInstanceId());
            return;
        }
        Authentication auth = identity.getCurrentAuthentication();
        Person liaison = auth == null || auth.getUserId() == null ? null : directory.person(auth.getUserId()).orElse(null);
        if (liaison == null) {
            throw new AccessDeniedException("只有登记在单位的信息联络员可以报送信息。");
        }
        SubmissionService.Started started = submissions.registerStarted(liaison, FormVariables.draft(execution, time.zone()),
                execution.getProcessInstanceId());
        execution.setProcessBusinessKey(started.id().toString());
        FormVariables.remove(execution);
        execution.setVariables(started.variables());
    }
}
