package cn.jianbao.access;

import cn.jianbao.directory.Person;
import cn.jianbao.directory.Role;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;

/**
 * Who may do what: the one place the roles of every write are decided, beside {@link ReadPolicy}
 * for reads. A service asks before it writes ({@link #require}); a page asks before it offers
 * ({@link #allows}). What depends on the target (the item's own unit, a task's candidate group)
 * stays with the target's service, after this check. The directory's own administration is
 * checked in the directory module, which this module builds on.
 */
public final class WritePolicy {

    private WritePolicy() {
    }

    /** A write, the roles that may do it, and what the others are told (in Chinese, 403). */
    public enum Action {
        SUBMIT("只有信息联络员可以报送信息。", Role.LIAISON),
        REVISE_RETURNED("只有报送单位的信息联络员可以修改。", Role.LIAISON),
        EDIT_AS_OFFICE("只有办公室编辑或签发人可以改稿。", Role.EDITOR, Role.SIGNER),
        COMPOSE_ISSUE("只有办公室编辑可以编排简报。", Role.EDITOR, Role.ADMIN),
        SAVE_DISTRIBUTION_LIST("只有办公室编辑可以保存发放范围。", Role.EDITOR, Role.ADMIN),
        PRINT_NUMBERED_COPIES("编号印制件由办公室下载印发。", Role.EDITOR, Role.SIGNER, Role.ADMIN),
        ACKNOWLEDGE_ISSUE("审计人员查阅简报不计为签收。", Role.LIAISON, Role.LEADER, Role.EDITOR, Role.SIGNER, Role.ADMIN),
        COMMISSION("只有协调办公室的编辑、签发人可以约稿。", Role.EDITOR, Role.SIGNER),
        DECLINE_COMMISSION("只有约稿单位的信息联络员或主管领导可以谢绝约稿。", Role.LIAISON, Role.LEADER),
        REMIND_QUOTA("只有协调办公室可以催报。", Role.EDITOR, Role.SIGNER, Role.ADMIN),
        RECORD_ASSESSMENT("只有协调办公室可以登记考核事项。", Role.EDITOR, Role.SIGNER, Role.ADMIN),
        CHANGE_RULES("只有系统管理员可以更改计分规则。", Role.ADMIN),
        CHANGE_ASSESSMENT_POLICY("只有系统管理员可以更改考核规定。", Role.ADMIN),
        MAINTAIN_SYNONYMS("同义词和简称由协调办公室维护。", Role.EDITOR, Role.SIGNER, Role.ADMIN),
        REBUILD_ARCHIVE("只有系统管理员可以重建检索索引。", Role.ADMIN);

        private final String refusal;
        private final Set<Role> roles;

        Action(String refusal, Role first, Role... more) {
            this.refusal = refusal;
            this.roles = EnumSet.of(first, more);
        }

        public String refusal() {
            return refusal;
        }

        public Set<Role> roles() {
            return Set.copyOf(roles);
        }
    }

    /** A refused write: 403 with the action's Chinese reason, through our API and the engine's alike. */
    public static final class Refused extends AccessDeniedException {
        public Refused(Action action) {
            super(action.refusal());
        }
    }

    public static boolean allows(Person person, Action action) {
        return person != null && action.roles.stream().anyMatch(person::is);
    }

    public static void require(Person person, Action action) {
        if (!allows(person, action)) {
            throw new Refused(action);
        }
    }
}
