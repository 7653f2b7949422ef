package cn.jianbao.intake;

/** Bad input from a liaison: the message says, in Chinese, what to change. Nothing was stored. */
public class SubmissionRejectedException extends RuntimeException {

    private final String field;

    public SubmissionRejectedException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
