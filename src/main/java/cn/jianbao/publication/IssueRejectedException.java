package cn.jianbao.publication;

/** A draft an editor must correct; the message says what, in Chinese. */
public class IssueRejectedException extends RuntimeException {

    private final String field;

    public IssueRejectedException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
