package cn.jianbao.system.engine;

import cn.jianbao.directory.Groups;
import java.util.List;

/** The person an engine command runs for, as the engine knows them: user id and group ids. */
record Caller(String userId, List<String> groups) {

    Caller {
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    boolean admin() {
        return groups.contains(Groups.ADMINS);
    }

    /** The office's working roles; administrators act for the office too. */
    boolean office() {
        return admin() || groups.contains(Groups.EDITORS) || groups.contains(Groups.SIGNERS);
    }

    /** Auditors read; they change nothing through any door, whatever other group they are in. */
    boolean auditor() {
        return groups.contains(Groups.AUDITORS);
    }

    boolean liaison() {
        return groups.stream().anyMatch(Groups::isLiaisons);
    }
}
