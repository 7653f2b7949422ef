package cn.jianbao.publication;

import cn.jianbao.access.ReadPolicy;
import cn.jianbao.directory.Directory;
import cn.jianbao.notification.Notice;
import cn.jianbao.notification.Notifications;
import cn.jianbao.directory.Person;
import cn.jianbao.directory.Role;
import cn.jianbao.web.ForbiddenException;
import cn.jianbao.web.NotFoundException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues delivered to the units and people on their 报/送/发 lists, and the receipts: delivered
 * at sign-off, read when a recipient first opens the issue (for a unit: whoever of it opens it
 * first), reminded once when still unread after {@code jianbao.inbox.remind-after}.
 */
@Service
public class Inbox {

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);

    /** One issue in a person's inbox. */
    public record Entry(UUID issueId, String seriesLabel, String numberLabel, String title, String list,
                        String listLabel, String addressedTo, OffsetDateTime deliveredAt, OffsetDateTime readAt,
                        String readByName, OffsetDateTime remindedAt) {
    }

    /** One recipient of an issue, for the office. */
    public record Receipt(String kind, String code, String name, String list, String listLabel,
                          OffsetDateTime deliveredAt, OffsetDateTime readAt, String readBy, String readByName,
                          OffsetDateTime remindedAt) {
    }

    public record Page(List<Entry> entries, long total, long unread) {
    }

    private final JdbcClient jdbc;
    private final Directory directory;
    private final Notifications notifications;
    private final IssueRepository issues;

    /** The application's clock (tests move it). */
    private final java.time.Clock clock;

    Inbox(JdbcClient jdbc, Directory directory, Notifications notifications, IssueRepository issues, java.time.Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.issues = issues;
        this.directory = directory;
        this.notifications = notifications;
    }

    /** At sign-off, in its transaction: every entry of the lists, once (the first list it is on counts). */
    @EventListener
    void published(IssuePublished event) {
        Issue issue = issues.find(event.issueId()).orElseThrow();
        deliver(issue, issue.publishedAt());
    }

    private void deliver(Issue issue, OffsetDateTime at) {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        lists.put("report", issue.distribution().report());
        lists.put("send", issue.distribution().send());
        lists.put("issue", issue.distribution().issue());
        int position = 0;
        for (Map.Entry<String, List<String>> list : lists.entrySet()) {
            for (String entry : list.getValue()) {
                String kind = directory.unit(entry).isPresent() ? "unit" : "person";
                jdbc.sql("""
                        insert into issue_recipient (issue_id, kind, code, list, position, delivered_at)
                        values (?, ?, ?, ?, ?, ?) on conflict do nothing""")
                        .params(issue.id(), kind, entry, list.getKey(), position++, at).update();
                tell(kind, entry, Notice.of(Notice.Kind.ISSUE_DELIVERED, "收到" + issueName(issue.series(), issue.year(),
                        issue.number()) + "，请查阅", "/issues/" + issue.id()));
            }
        }
    }

    /** A unit on a list is its liaisons and leaders; a person is themself. Only the issue's name goes out. */
    private void tell(String kind, String code, Notice notice) {
        if (kind.equals("unit")) {
            notifications.send(Role.LIAISON, code, notice);
            notifications.send(Role.LEADER, code, notice);
        } else {
            notifications.send(List.of(code), notice);
        }
    }

    private static String issueName(Series series, int year, int number) {
        return series.label() + year + "年第" + number + "期";
    }

    private static final String MINE = "((r.kind = 'unit' and r.code = ?) or (r.kind = 'person' and r.code = ?))";

    public Page of(Person me, boolean unreadOnly, int offset, int limit) {
        String where = " where " + MINE + (unreadOnly ? " and r.read_at is null" : "");
        long total = jdbc.sql("select count(*) from issue_recipient r" + where)
                .params(me.unitCode(), me.userId()).query(Long.class).single();
        long unread = jdbc.sql("select count(*) from issue_recipient r where " + MINE + " and r.read_at is null")
                .params(me.unitCode(), me.userId()).query(Long.class).single();
        List<Entry> entries = jdbc.sql("""
                select r.*, i.series, i.year, i.number, i.title from issue_recipient r join issue i on i.id = r.issue_id
                """ + where + " order by r.delivered_at desc, r.issue_id, r.kind offset ? limit ?")
                .params(me.unitCode(), me.userId(), offset, limit)
                .query((rs, i) -> {
                    Series series = Series.of(rs.getString("series"));
                    String kind = rs.getString("kind");
                    String code = rs.getString("code");
                    String readBy = rs.getString("read_by");
                    return new Entry(rs.getObject("issue_id", UUID.class), series.label(),
                            rs.getInt("year") + "年第" + rs.getInt("number") + "期", rs.getString("title"),
                            rs.getString("list"), listLabel(rs.getString("list")),
                            kind.equals("unit") ? name(kind, code) : "本人",
                            rs.getObject("delivered_at", OffsetDateTime.class), rs.getObject("read_at", OffsetDateTime.class),
                            readBy == null ? null : directory.displayName(readBy),
                            rs.getObject("reminded_at", OffsetDateTime.class));
                }).list();
        return new Page(entries, total, unread);
    }

    /**
     * The caller opened the issue: records the receipt of their own and their unit's delivery, the
     * first time only. Someone the issue was not delivered to gets a 404: nothing to record.
     */
    @Transactional
    public List<Receipt> read(Person me, UUID issueId) {
        // the auditor changes nothing: looking at an issue is not the office's receipt
        cn.jianbao.access.WritePolicy.require(me, cn.jianbao.access.WritePolicy.Action.ACKNOWLEDGE_ISSUE);
        int delivered = jdbc.sql("select count(*) from issue_recipient r where r.issue_id = ? and " + MINE)
                .params(issueId, me.unitCode(), me.userId()).query(Integer.class).single();
        if (delivered == 0) {
            throw new NotFoundException("您的收件箱中没有这期简报。");
        }
        jdbc.sql("update issue_recipient r set read_at = ?, read_by = ? where r.issue_id = ? and r.read_at is null and " + MINE)
                .params(OffsetDateTime.now(clock), me.userId(), issueId, me.unitCode(), me.userId()).update();
        return receiptsOf(issueId).stream().filter(r -> r.kind().equals("unit") ? r.code().equals(me.unitCode())
                : r.code().equals(me.userId())).toList();
    }

    /** Every recipient with delivery, reading and reminder times: the office's (auditors included). */
    public List<Receipt> receipts(Person me, UUID issueId) {
        if (!ReadPolicy.seesEverything(me)) {
            throw new ForbiddenException("签收情况只有协调办公室和审计人员可以查看。");
        }
        Integer exists = jdbc.sql("select count(*) from issue where id = ?").param(issueId).query(Integer.class).single();
        if (exists == 0) {
            throw new NotFoundException("简报不存在。");
        }
        return receiptsOf(issueId);
    }

    private List<Receipt> receiptsOf(UUID issueId) {
        return jdbc.sql("""
                select * from issue_recipient where issue_id = ?
                order by position""")
                .param(issueId).query((rs, i) -> {
                    String kind = rs.getString("kind");
                    String code = rs.getString("code");
                    String readBy = rs.getString("read_by");
                    return new Receipt(kind, code, name(kind, code), rs.getString("list"), listLabel(rs.getString("list")),
                            rs.getObject("delivered_at", OffsetDateTime.class), rs.getObject("read_at", OffsetDateTime.class),
                            readBy, readBy == null ? null : directory.displayName(readBy),
                            rs.getObject("reminded_at", OffsetDateTime.class));
                }).list();
    }

    /**
     * Marks what is still unread after {@code after} as reminded and returns it, each row once even
     * with several nodes (the update takes each row only while reminded_at is null).
     */
    @Transactional
    public List<Receipt> remindUnread(Duration after) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<Receipt> reminded = jdbc.sql("""
                update issue_recipient set reminded_at = ?
                where read_at is null and reminded_at is null and delivered_at <= ?
                returning issue_id, kind, code, list, delivered_at,
                  (select series from issue i where i.id = issue_id) series,
                  (select year from issue i where i.id = issue_id) issue_year,
                  (select number from issue i where i.id = issue_id) issue_number""").params(now, now.minus(after))
                .query((rs, i) -> {
                    String kind = rs.getString("kind");
                    String code = rs.getString("code");
                    tell(kind, code, Notice.of(Notice.Kind.READ_REMINDER, "催阅：" + issueName(Series.of(rs.getString("series")),
                            rs.getInt("issue_year"), rs.getInt("issue_number")) + "尚未阅读，请及时查阅",
                            "/issues/" + rs.getObject("issue_id", UUID.class)));
                    return new Receipt(kind, code, name(kind, code), rs.getString("list"), listLabel(rs.getString("list")),
                            rs.getObject("delivered_at", OffsetDateTime.class), null, null, null, now);
                }).list();
        if (!reminded.isEmpty()) {
            log.info("reminded {} unread deliveries", reminded.size());
        }
        return reminded;
    }

    private String name(String kind, String code) {
        return kind.equals("unit") ? directory.unit(code).map(u -> u.name()).orElse(code) : directory.displayName(code);
    }

    static String listLabel(String list) {
        return switch (list) {
            case "report" -> "报";
            case "send" -> "送";
            default -> "发";
        };
    }
}
