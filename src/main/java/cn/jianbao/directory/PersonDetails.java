package cn.jianbao.directory;

import java.util.List;
import java.util.Set;

/**
 * A person as the directory keeps them, also when they have left (inactive); with their accounts
 * on the office's WeCom and DingTalk where the administrator entered them (application messages
 * reach them there, and a sign-in through the platform finds them by these).
 */
public record PersonDetails(String userId, String name, Unit unit, Set<Role> roles, String phone, String email,
                            boolean active, boolean mustChangePassword, String wecomUserId, String dingtalkUserId) {

    public PersonDetails(String userId, String name, Unit unit, Set<Role> roles, String phone, String email,
                         boolean active, boolean mustChangePassword) {
        this(userId, name, unit, roles, phone, email, active, mustChangePassword, null, null);
    }

    public Person person() {
        return new Person(userId, name, unit, roles);
    }

    public List<Role> sortedRoles() {
        return roles.stream().sorted().toList();
    }
}
