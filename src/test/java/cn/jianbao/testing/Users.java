package cn.jianbao.testing;

import cn.jianbao.directory.Directory;
import cn.jianbao.directory.Person;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;

/** Demo users for tests: as business people, and as the engine's current user. */
@org.springframework.boot.test.context.TestComponent
public class Users {

    private final Directory directory;
    private final IdentityService identity;

    Users(Directory directory, IdentityService identity) {
        this.directory = directory;
        this.identity = identity;
    }

    public Person person(String userId) {
        return directory.person(userId).orElseThrow(() -> new IllegalArgumentException("no demo user " + userId));
    }

    /** Runs an engine call as the given user, as Tasklist and /engine-rest do. */
    public void as(String userId, Runnable action) {
        List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
        identity.setAuthentication(userId, groups);
        try {
            action.run();
        } finally {
            identity.clearAuthentication();
        }
    }
}
