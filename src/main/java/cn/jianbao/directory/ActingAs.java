package cn.jianbao.directory;

import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;

/**
 * Runs engine calls as a person, the way Tasklist and Camunda's REST API run them: the engine's
 * authorizations and our engine boundary see who acts, and decisions are recorded under them.
 */
@Component
public class ActingAs {

    private final IdentityService identity;

    ActingAs(IdentityService identity) {
        this.identity = identity;
    }

    public <T> T call(String userId, Supplier<T> action) {
        List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
        var previous = identity.getCurrentAuthentication();
        identity.setAuthentication(userId, groups);
        try {
            return action.get();
        } finally {
            if (previous == null) {
                identity.clearAuthentication();
            } else {
                identity.setAuthentication(previous);
            }
        }
    }

    public void run(String userId, Runnable action) {
        call(userId, () -> {
            action.run();
            return null;
        });
    }
}
