package cn.jianbao.process;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** Who completed a task: the engine's current user (Tasklist, /engine-rest), else its assignee. */
public final class Actors {

    private Actors() {
    }

    public static String of(IdentityService identity, DelegateTask task) {
        Authentication auth = identity.getCurrentAuthentication();
        if (auth != null && auth.getUserId() != null) {
            return auth.getUserId();
        }
        return task.getAssignee() != null ? task.getAssignee() : "system";
    }
}
