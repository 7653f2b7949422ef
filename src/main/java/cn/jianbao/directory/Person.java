package cn.jianbao.directory;

import java.io.Serializable;
import java.security.Principal;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A signed-in user as the business sees them: who, in which unit, in which roles (several may
 * be held at once, e.g. an editor who also signs). As a {@link Principal} its name is the user
 * id, which Camunda's webapps take as the user.
 */
public record Person(String userId, String displayName, Unit unit, Set<Role> roles) implements Principal, Serializable {

    public Person {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public Person(String userId, String displayName, Unit unit, Role role) {
        this(userId, displayName, unit, Set.of(role));
    }

    @Override
    public String getName() {
        return userId;
    }

    /** The coordinating office's working roles. */
    public boolean isOffice() {
        return is(Role.EDITOR) || is(Role.SIGNER) || is(Role.ADMIN);
    }

    public boolean is(Role r) {
        return roles.contains(r);
    }

    public String unitCode() {
        return unit.code();
    }

    /** Roles in their usual order, for display. */
    public List<Role> sortedRoles() {
        return roles.stream().sorted().toList();
    }

    /** The Camunda groups these roles in this unit mean. */
    public List<String> groups() {
        return groups(roles, unit.code());
    }

    public static List<String> groups(Collection<Role> roles, String unitCode) {
        return roles.stream().sorted().map(r -> r.groupFor(unitCode)).distinct().toList();
    }
}
