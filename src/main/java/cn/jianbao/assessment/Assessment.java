package cn.jianbao.assessment;

import cn.jianbao.access.ReadPolicy;
import cn.jianbao.directory.Directory;
import cn.jianbao.directory.Person;
import cn.jianbao.directory.Role;
import cn.jianbao.intake.Submission;
import cn.jianbao.intake.SubmissionKind;
import cn.jianbao.intake.SubmissionService;
import cn.jianbao.intake.SubmissionStatus;
import cn.jianbao.publication.Issue;
import cn.jianbao.publication.IssuePublished;
import cn.jianbao.publication.IssueService;
import cn.jianbao.web.BadRequestException;
import cn.jianbao.web.ConflictException;
import cn.jianbao.web.NotFoundException;
import cn.jianbao.web.OfficeTime;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The events that earn or cost points, each stored with what the rules need and turned into
 * ledger entries by the rule table version in force on the day it happened: adoptions in our
 * issues (at publication), 批示, adoptions by higher levels, news leads used by the media, and
 * deductions. Recording is the office's; corrections are reversing entries.
 */
@Service
public class Assessment {

    static final Map<String, String> LEVELS = Map.of("county", "县（区）级", "city", "市级", "province", "省级",
            "national", "国家级", "central", "中办、国办");
    static final Map<String, String> REASONS = Map.of("late", "迟报", "missing", "漏报", "concealed", "瞒报",
            "untrue", "失实", "quota_missed", "未完成报送任务", "commission_unanswered", "约稿未报送",
            "feedback_missing", "批示落实情况未反馈");

    /** A 批示 on a published item. */
    public record InstructionDraft(String leader, String level, String content, LocalDate date, LocalDate feedbackDue) {
    }

    /** An item forwarded to a higher level, and whether it was adopted there. */
    public record ForwardDraft(String level, String outlet, Boolean adopted, LocalDate date) {
    }

    /** A news lead used by the media. */
    public record MediaUseDraft(String outlet, String level, LocalDate date, String url) {
    }

    /** Points deducted from a unit. */
    public record DeductionDraft(String reason, UUID submissionId, String note, LocalDate date) {
    }

    private final JdbcClient jdbc;
    private final RuleBook rules;
    private final Ledger ledger;
    private final SubmissionService submissions;
    private final IssueService issues;
    private final Directory directory;
    private final OfficeTime time;
    private final AssessmentPolicy policy;

    Assessment(JdbcClient jdbc, RuleBook rules, Ledger ledger, SubmissionService submissions, IssueService issues,
               Directory directory, OfficeTime time, AssessmentPolicy policy) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.ledger = ledger;
        this.submissions = submissions;
        this.issues = issues;
        this.directory = directory;
        this.time = time;
        this.policy = policy;
    }

    /**
     * An issue is published: each item earns its unit the adoption points in force on that day,
     * in the publication's transaction. Items merged into one article (合报) credit each unit in
     * full, or split the points among them, as the adoption table's {@code credit} says.
     */
    @EventListener
    void published(IssuePublished event) {
        Issue issue = issues.find(event.issueId()).orElseThrow();
        LocalDate day = issue.publishedAt().atZoneSameInstant(time.zone()).toLocalDate();
        String name = issue.series().label() + issue.year() + "年第" + issue.number() + "期";
        Map<UUID, Integer> articleSize = new HashMap<>();
        for (List<Issue.Item> article : issue.articles()) {
            article.forEach(item -> articleSize.put(item.submissionId(), article.size()));
        }
        for (UUID id : event.submissionIds()) {
            Submission s = submissions.require(id);
            String adoption = s.adoption() == null ? (issue.comprehensive() ? "comprehensive" : "standalone") : s.adoption();
            RuleBook.Answer points = rules.evaluate(RuleTable.ADOPTION, adoption, day);
            RuleBook.Answer yuan = rules.evaluate(RuleTable.REMUNERATION, adoption, day);
            int merged = articleSize.getOrDefault(id, 1);
            boolean split = "split".equals(points.outputs().get("credit")) && "comprehensive".equals(adoption) && merged > 1;
            BigDecimal share = split ? BigDecimal.ONE.divide(BigDecimal.valueOf(merged), 4, RoundingMode.HALF_UP)
                    : BigDecimal.ONE;
            UUID eventId = insertEvent("adoption", s.unit().code(), id, issue.id(), adoption, share, day, null, null,
                    null, null, null, null, null, "system");
            jdbc.sql("update assessment_event set merged_items = ? where id = ?").params(merged, eventId).update();
            String how = "comprehensive".equals(adoption) ? "综合采用" : "单独刊发";
            String together = merged > 1 ? (split ? "，合报积分按" + merged + "家单位均分"
                    : "，" + merged + "家单位合报，各家全额计分") : "";
            ledger.append(new Ledger.NewEntry(s.unit().code(), eventId, id, "adoption",
                    amount(points.value(), share), amount(yuan.value(), share), points.key(), points.version(),
                    "《" + s.title() + "》" + how + "于" + name + together, day, "system"));
        }
    }

    @Transactional
    public UUID instruction(Person me, UUID submissionId, InstructionDraft d) {
        requireOffice(me);
        Submission s = published(submissionId, "批示");
        String level = level(d.level(), Set.of("county", "city", "province", "national"));
        String leader = text("leader", d.leader(), 100, "请填写作出批示的领导。");
        String content = text("content", d.content(), 2000, "请填写批示内容。");
        LocalDate date = pastOrToday("date", d.date());
        if (d.feedbackDue() != null && d.feedbackDue().isBefore(date)) {
            throw new BadRequestException("feedbackDue", "反馈期限不能早于批示日期。");
        }
        UUID eventId = insertEvent("instruction", s.unit().code(), submissionId, null, level, BigDecimal.ONE, date,
                leader, null, null, content, null, null, d.feedbackDue(), me.userId());
        String explanation = leader + "（" + LEVELS.get(level) + "）批示《" + s.title() + "》";
        if (policy.current().scoreInstructions()) {
            RuleBook.Answer a = rules.evaluate(RuleTable.INSTRUCTION, level, date);
            ledger.append(new Ledger.NewEntry(s.unit().code(), eventId, submissionId, "instruction",
                    amount(a.value(), BigDecimal.ONE), BigDecimal.ZERO, a.key(), a.version(), explanation, date, me.userId()));
        }
        return eventId;
    }

    /** The 批示 on an item and their follow-up: for whoever may read the item's record (the office and its unit). */
    public List<Map<String, Object>> instructions(Person me, UUID submissionId) {
        submissions.readableRecord(me, submissionId);
        return jdbc.sql("""
                select id, leader, rule_input, content, happened_on, feedback_due, feedback, feedback_at, feedback_by
                from assessment_event where submission_id = ? and kind = 'instruction' order by happened_on, recorded_at""")
                .param(submissionId).query((rs, i) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", rs.getObject("id", UUID.class));
                    m.put("leader", rs.getString("leader"));
                    m.put("level", rs.getString("rule_input"));
                    m.put("levelLabel", LEVELS.get(rs.getString("rule_input")));
                    m.put("content", rs.getString("content"));
                    m.put("date", rs.getObject("happened_on", LocalDate.class));
                    m.put("feedbackDue", rs.getObject("feedback_due", LocalDate.class));
                    m.put("feedback", rs.getString("feedback"));
                    m.put("feedbackAt", rs.getObject("feedback_at", java.time.OffsetDateTime.class));
                    return m;
                }).list();
    }

    /** The unit's follow-up (批示落实) of an instruction, by a liaison or leader of the item's unit. */
    @Transactional
    public void feedback(Person me, UUID instructionId, String feedback) {
        Map<String, Object> row = jdbc.sql("select unit_code, feedback_at from assessment_event where id = ? and kind = 'instruction'")
                .param(instructionId).query().listOfRows().stream().findFirst()
                .orElseThrow(() -> new NotFoundException("批示不存在。"));
        if (!row.get("unit_code").equals(me.unitCode()) || !(me.is(Role.LIAISON) || me.is(Role.LEADER))) {
            throw new NotFoundException("批示不存在。");
        }
        if (row.get("feedback_at") != null) {
            throw new ConflictException("落实情况已经反馈过了。");
        }
        String text = text("feedback", feedback, 2000, "请填写批示落实情况。");
        jdbc.sql("update assessment_event set feedback = ?, feedback_at = ?, feedback_by = ? where id = ?")
                .params(text, time.now(), me.userId(), instructionId).update();
    }

    @Transactional
    public UUID forward(Person me, UUID submissionId, ForwardDraft d) {
        requireOffice(me);
        Submission s = submissions.require(submissionId);
        if (s.status() != SubmissionStatus.PUBLISHED && s.status() != SubmissionStatus.AWAITING_PUBLICATION) {
            throw new ConflictException("只有已采用的信息可以登记向上报送。");
        }
        String level = level(d.level(), Set.of("city", "province", "national", "central"));
        String outlet = text("outlet", d.outlet(), 200, "请填写上级刊物或栏目。");
        LocalDate date = pastOrToday("date", d.date());
        boolean adopted = Boolean.TRUE.equals(d.adopted());
        UUID eventId = insertEvent("forward", s.unit().code(), submissionId, null, level, BigDecimal.ONE, date, null,
                outlet, adopted, null, null, null, null, me.userId());
        if (adopted) {
            RuleBook.Answer a = rules.evaluate(RuleTable.HIGHER_ADOPTION, level, date);
            ledger.append(new Ledger.NewEntry(s.unit().code(), eventId, submissionId, "higher_adoption",
                    amount(a.value(), BigDecimal.ONE), BigDecimal.ZERO, a.key(), a.version(),
                    "《" + s.title() + "》被" + LEVELS.get(level) + "采用（" + outlet + "）", date, me.userId()));
        }
        return eventId;
    }

    @Transactional
    public UUID mediaUse(Person me, UUID submissionId, MediaUseDraft d) {
        requireOffice(me);
        Submission s = submissions.require(submissionId);
        if (s.kind() != SubmissionKind.NEWS_LEAD) {
            throw new BadRequestException("submissionId", "只有宣传报道线索可以登记媒体采用。");
        }
        String level = level(d.level(), Set.of("county", "city", "province", "national"));
        String outlet = text("outlet", d.outlet(), 200, "请填写采用的媒体。");
        LocalDate date = pastOrToday("date", d.date());
        String url = d.url() == null || d.url().isBlank() ? null : d.url().strip();
        if (url != null && (url.length() > 1000 || !url.matches("(?i)https?://\\S+"))) {
            throw new BadRequestException("url", "报道链接应以 http:// 或 https:// 开头。");
        }
        UUID eventId = insertEvent("media_use", s.unit().code(), submissionId, null, level, BigDecimal.ONE, date, null,
                outlet, true, null, url, null, null, me.userId());
        RuleBook.Answer a = rules.evaluate(RuleTable.MEDIA_USE, level, date);
        ledger.append(new Ledger.NewEntry(s.unit().code(), eventId, submissionId, "media_use",
                amount(a.value(), BigDecimal.ONE), BigDecimal.ZERO, a.key(), a.version(),
                "线索《" + s.title() + "》被" + outlet + "采用", date, me.userId()));
        return eventId;
    }

    @Transactional
    public UUID deduction(Person me, String unitCode, DeductionDraft d) {
        requireOffice(me);
        var unit = directory.unit(unitCode).orElseThrow(() -> new NotFoundException("单位不存在。"));
        if (d.reason() == null || !REASONS.containsKey(d.reason().strip())) {
            throw new BadRequestException("reason", "扣分事由应为：" + String.join("、", REASONS.keySet()) + "。");
        }
        String reason = d.reason().strip();
        UUID submissionId = d.submissionId();
        if (submissionId != null && !submissions.require(submissionId).unit().code().equals(unitCode)) {
            throw new BadRequestException("submissionId", "所指信息不是该单位报送的。");
        }
        String note = d.note() == null || d.note().isBlank() ? null : text("note", d.note(), 1000, "");
        LocalDate date = pastOrToday("date", d.date());
        UUID eventId = insertEvent("deduction", unitCode, submissionId, null, reason, BigDecimal.ONE, date, null, null,
                null, null, null, note, null, me.userId());
        RuleBook.Answer a = rules.evaluate(RuleTable.DEDUCTION, reason, date);
        ledger.append(new Ledger.NewEntry(unitCode, eventId, submissionId, "deduction",
                amount(a.value(), BigDecimal.ONE), BigDecimal.ZERO, a.key(), a.version(),
                unit.name() + "：" + REASONS.get(reason) + (note == null ? "" : "（" + note + "）"), date, me.userId()));
        return eventId;
    }

    /**
     * A deduction the system itself finds (a missed quota, an unanswered commission), scored as the
     * deduction table in force that day says; when it says 0 the rules want none, and none is made.
     */
    @Transactional
    public UUID systemDeduction(String unitCode, String reason, String note, LocalDate date) {
        RuleBook.Answer a = rules.evaluate(RuleTable.DEDUCTION, reason, date);
        if (a.value() == 0) {
            return null;
        }
        var unit = directory.unit(unitCode).orElseThrow(() -> new NotFoundException("单位不存在。"));
        UUID eventId = insertEvent("deduction", unitCode, null, null, reason, BigDecimal.ONE, date, null, null,
                null, null, null, note, null, "system");
        ledger.append(new Ledger.NewEntry(unitCode, eventId, null, "deduction", amount(a.value(), BigDecimal.ONE),
                BigDecimal.ZERO, a.key(), a.version(), unit.name() + "：" + REASONS.get(reason) + "（" + note + "）",
                date, "system"));
        return eventId;
    }

    private UUID insertEvent(String kind, String unit, UUID submissionId, UUID issueId, String input, BigDecimal share,
                             LocalDate day, String leader, String outlet, Boolean adopted, String content, String url,
                             String note, LocalDate feedbackDue, String by) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into assessment_event (id, kind, unit_code, submission_id, issue_id, rule_input, share, happened_on,
                    leader, outlet, adopted, content, url, note, feedback_due, recorded_by, recorded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, kind, unit, submissionId, issueId, input, share, day, leader, outlet, adopted, content, url,
                        note, feedbackDue, by, time.now()).update();
        return id;
    }

    static BigDecimal amount(double value, BigDecimal share) {
        return BigDecimal.valueOf(value).multiply(share).setScale(2, RoundingMode.HALF_UP);
    }

    /** Recording events is the office's work: editors, signers and administrators (auditors read only). */
    static void requireOffice(Person me) {
        cn.jianbao.access.WritePolicy.require(me, cn.jianbao.access.WritePolicy.Action.RECORD_ASSESSMENT);
    }

    private Submission published(UUID id, String what) {
        Submission s = submissions.require(id);
        if (s.status() != SubmissionStatus.PUBLISHED) {
            throw new ConflictException("只有已刊发的信息可以登记" + what + "。");
        }
        return s;
    }

    private static String level(String level, Set<String> allowed) {
        if (level == null || !allowed.contains(level.strip())) {
            throw new BadRequestException("level", "层级应为：" + String.join("、", allowed.stream().sorted().toList()) + "。");
        }
        return level.strip();
    }

    private static String text(String field, String value, int max, String missing) {
        if (value == null || value.isBlank()) {
            throw new BadRequestException(field, missing);
        }
        if (value.strip().length() > max) {
            throw new BadRequestException(field, "不超过" + max + "字。");
        }
        return value.strip();
    }

    private LocalDate pastOrToday(String field, LocalDate date) {
        LocalDate today = time.today();
        if (date == null) {
            return today;
        }
        if (date.isAfter(today)) {
            throw new BadRequestException(field, "日期不能晚于今天。");
        }
        return date;
    }

    static boolean office(Person me) {
        return ReadPolicy.seesEverything(me);
    }
}
