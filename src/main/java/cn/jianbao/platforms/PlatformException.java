package cn.jianbao.platforms;

/**
 * A platform call that did not do what was asked, in Chinese for the delivery record or the log,
 * with the reason a sign-in page needs to tell people apart.
 */
public class PlatformException extends RuntimeException {

    public enum Reason {
        /** Not reached, or no sense made of its answer: a later try may work. */
        UNAVAILABLE,
        /** It answered and said no: an invalid or expired code, an unknown user, a refused message. */
        REFUSED,
        /** The code is good, but its holder is nobody in the office's organisation there. */
        NOT_A_MEMBER
    }

    private final Reason reason;

    public PlatformException(String message, Reason reason, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
