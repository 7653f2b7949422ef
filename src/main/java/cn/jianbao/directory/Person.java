package cn.jianbao.directory;

import java.io.Serializable;
import java.security.Principal;

/**
 * A signed-in user as the business sees them: who, in which unit, in which role. As a
 * {@link Principal} its name is the user id, which Camunda's webapps take as the user.
 */
public record Person(String userId, String displayName, Unit unit, Role role) implements Principal, Serializable {

    @Override
    public String getName() {
        return userId;
    }

    public boolean isOffice() {
        return role == Role.EDITOR || role == Role.SIGNER || role == Role.ADMIN;
    }

    public boolean is(Role r) {
        return role == r;
    }

    public String unitCode() {
        return unit.code();
    }
}
