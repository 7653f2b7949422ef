package cn.jianbao.review;

import java.util.Set;

/** The decision variables of the approval tasks and the words users see for them. */
final class Decisions {

    static final String DECISION = "decision";
    static final String ADOPTION = "adoption";
    static final String COMMENT = "comment";

    static final String APPROVE = "approve";
    static final String RETURN = "return";
    static final String REJECT = "reject";
    static final Set<String> REVIEW_VALUES = Set.of(APPROVE, RETURN, REJECT);

    static final String STANDALONE = "standalone";
    static final String COMPREHENSIVE = "comprehensive";
    static final String NOT_ADOPTED = "rejected";
    static final Set<String> ADOPTION_VALUES = Set.of(STANDALONE, COMPREHENSIVE, NOT_ADOPTED);


    private Decisions() {
    }
}
