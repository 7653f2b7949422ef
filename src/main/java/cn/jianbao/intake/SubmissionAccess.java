package cn.jianbao.intake;

import cn.jianbao.directory.Person;
import cn.jianbao.directory.Role;
import org.springframework.security.access.AccessDeniedException;

/**
 * Who may read and change which submission. The one place these rules live, so the list,
 * the detail, the downloads (and later the search) cannot disagree.
 */
public final class SubmissionAccess {

    private SubmissionAccess() {
    }

    /** The office and auditors read every item; a unit's people read their own unit's items. */
    public static boolean canRead(Person person, Submission submission) {
        return seesAllUnits(person) || person.unitCode().equals(submission.unit().code());
    }

    public static boolean seesAllUnits(Person person) {
        return person.isOffice() || person.is(Role.AUDITOR);
    }

    /** Only a liaison submits, and always for their own unit. */
    public static void requireLiaison(Person person) {
        if (!person.is(Role.LIAISON)) {
            throw new AccessDeniedException("只有信息联络员可以报送信息。");
        }
    }
}
