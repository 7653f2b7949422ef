package cn.jianbao.directory;

import java.util.List;
import java.util.Set;

/** A person as the directory keeps them, also when they have left (inactive). */
public record PersonDetails(String userId, String name, Unit unit, Set<Role> roles, String phone, String email,
                            boolean active, boolean mustChangePassword) {

    public Person person() {
        return new Person(userId, name, unit, roles);
    }

    public List<Role> sortedRoles() {
        return roles.stream().sorted().toList();
    }
}
