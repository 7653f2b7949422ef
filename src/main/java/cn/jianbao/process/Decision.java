package cn.jianbao.process;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/** What happened at a step of an item's or an issue's path, as stored, and the words users see. */
public enum Decision {
    SUBMITTED("submitted", "已报送"),
    APPROVE("approve", "同意"),
    RETURN("return", "退回修改"),
    REJECT("reject", "不予通过"),
    RESUBMITTED("resubmitted", "已重新报送"),
    STANDALONE("standalone", "单独刊发"),
    COMPREHENSIVE("comprehensive", "综合采用"),
    NOT_ADOPTED("rejected", "不予采用"),
    COMPILED("compiled", "已编排"),
    EDITED("edited", "改稿"),
    PUBLISHED("published", "已刊发");

    /** The variable of a review decision (approve / return / reject) and of a sign-off (approve / return). */
    public static final String VARIABLE = "decision";
    /** The variable of the adoption decision (standalone / comprehensive / rejected). */
    public static final String ADOPTION_VARIABLE = "adoption";
    /** The reason given with a decision; required for returns and rejections. */
    public static final String COMMENT = "comment";

    public static final Set<Decision> REVIEW = Set.of(APPROVE, RETURN, REJECT);
    public static final Set<Decision> ADOPTION = Set.of(STANDALONE, COMPREHENSIVE, NOT_ADOPTED);
    public static final Set<Decision> SIGN_OFF = Set.of(APPROVE, RETURN);

    private final String code;
    private final String label;

    Decision(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public static Optional<Decision> of(String code) {
        return Arrays.stream(values()).filter(d -> d.code.equals(code)).findFirst();
    }

    /** The label of a stored code; an unknown code is shown as it is. */
    public static String label(String code) {
        return code == null ? null : of(code).map(Decision::label).orElse(code);
    }
}
