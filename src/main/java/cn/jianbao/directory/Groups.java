package cn.jianbao.directory;

/**
 * Camunda group ids. Unit-bound roles get one group per unit, so task candidates and
 * authorizations can never reach across units; office roles are single groups.
 */
public final class Groups {

    public static final String EDITORS = "editors";
    public static final String SIGNERS = "signers";
    public static final String AUDITORS = "auditors";
    /** Camunda's own administrators group name. */
    public static final String ADMINS = "camunda-admin";

    private Groups() {
    }

    public static String liaisons(String unitCode) {
        return unitCode + "-liaisons";
    }

    public static String leaders(String unitCode) {
        return unitCode + "-leaders";
    }

    public static boolean isLiaisons(String groupId) {
        return groupId.endsWith("-liaisons");
    }
}
