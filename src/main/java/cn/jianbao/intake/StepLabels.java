package cn.jianbao.intake;

import java.util.Map;

/** The words users see for the steps of an item's path and the decisions taken there. */
public final class StepLabels {

    private static final Map<String, String> STEPS = Map.of("submit", "报送", "leaderApproval", "单位领导审批",
            "officeReview", "办公室审核", "adoptionDecision", "决定是否采用", "revise", "修改后重新报送",
            "publication", "刊发");
    private static final Map<String, String> DECISIONS = Map.ofEntries(Map.entry("submitted", "已报送"),
            Map.entry("approve", "同意"), Map.entry("return", "退回修改"), Map.entry("reject", "不予通过"),
            Map.entry("resubmitted", "已重新报送"), Map.entry("standalone", "单独刊发"),
            Map.entry("comprehensive", "综合采用"), Map.entry("rejected", "不予采用"), Map.entry("published", "已刊发"));

    private StepLabels() {
    }

    public static String step(String step) {
        return STEPS.getOrDefault(step, step);
    }

    public static String decision(String decision) {
        return decision == null ? null : DECISIONS.getOrDefault(decision, decision);
    }
}
