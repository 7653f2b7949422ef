package cn.jianbao.assessment;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The rule tables of the assessment (processes/*.dmn): their decision key, the input they take,
 * the output that holds the points (or yuan), and the input values they must answer.
 */
public enum RuleTable {
    ADOPTION("adoptionPoints", "adoption-points.dmn", "采用积分", "adoption", "points",
            List.of("standalone", "comprehensive")),
    HIGHER_ADOPTION("higherAdoptionPoints", "higher-adoption-points.dmn", "上级采用积分", "level", "points",
            List.of("city", "province", "national", "central")),
    INSTRUCTION("instructionPoints", "instruction-points.dmn", "领导批示积分", "level", "points",
            List.of("county", "city", "province", "national")),
    MEDIA_USE("mediaUsePoints", "media-use-points.dmn", "线索被媒体采用积分", "level", "points",
            List.of("county", "city", "province", "national")),
    DEDUCTION("deductionPoints", "deduction-points.dmn", "扣分", "reason", "points",
            List.of("late", "missing", "concealed", "untrue", "quota_missed", "commission_unanswered", "feedback_missing")),
    REMUNERATION("remuneration", "remuneration.dmn", "信息稿酬", "adoption", "yuan",
            List.of("standalone", "comprehensive")),
    /** Two inputs: an input value is "unitKind|itemKind". */
    QUOTA("quotas", "quotas.dmn", "报送定额", "unitKind,itemKind", "count",
            List.of("town|briefing", "member|briefing", "town|news_lead", "member|news_lead")),
    REPORT_DEADLINE("reportDeadlines", "report-deadlines.dmn", "报送时限", "urgency", "hours",
            List.of("major", "decision", "routine"));

    private final String key;
    private final String file;
    private final String label;
    private final String input;
    private final String output;
    private final List<String> inputs;

    RuleTable(String key, String file, String label, String input, String output, List<String> inputs) {
        this.key = key;
        this.file = file;
        this.label = label;
        this.input = input;
        this.output = output;
        this.inputs = inputs;
    }

    public String key() {
        return key;
    }

    public String file() {
        return file;
    }

    public String label() {
        return label;
    }

    /** The input variable, or several separated by commas (an input value then joins theirs with "|"). */
    public String input() {
        return input;
    }

    /** Whether the table scores points (or yuan) in the ledger; the others set quotas and deadlines. */
    public boolean scores() {
        return this != QUOTA && this != REPORT_DEADLINE;
    }

    public String output() {
        return output;
    }

    /** The input values the table must answer, each with exactly one rule. */
    public List<String> inputs() {
        return inputs;
    }

    public static Optional<RuleTable> ofKey(String key) {
        return Arrays.stream(values()).filter(t -> t.key.equals(key)).findFirst();
    }
}
