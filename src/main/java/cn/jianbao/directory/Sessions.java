package cn.jianbao.directory;

/**
 * The browser sessions people are signed in with (kept by the web layer, see
 * {@code system.security.SignedInSessions}): a new password, a deactivation or an administrator
 * ends them, so a stolen session does not outlive its owner's new password.
 */
public interface Sessions {

    /** Ends every session of the person except the one of the request being served; how many ended. */
    int endAllOf(String userId);
}
