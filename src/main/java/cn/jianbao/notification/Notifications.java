package cn.jianbao.notification;

import cn.jianbao.directory.Directory;
import cn.jianbao.directory.Person;
import cn.jianbao.directory.PersonDetails;
import cn.jianbao.directory.Role;
import cn.jianbao.platforms.DingTalk;
import cn.jianbao.platforms.WeCom;
import cn.jianbao.web.BadRequestException;
import cn.jianbao.web.NotFoundException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one notification service every feature uses. A notice becomes an in-app notification for
 * each recipient and, in the same transaction, one queued delivery per outside channel the person
 * chose (e-mail, a WeCom or DingTalk group robot, a message of the office's WeCom or DingTalk
 * application); {@link NotificationDispatcher} sends those later, so the work that caused a notice
 * never waits for, or fails with, a mail server or a platform.
 */
@Service
public class Notifications {

    private final JdbcClient jdbc;
    private final Directory directory;
    private final NotificationProperties properties;
    private final WeCom wecom;
    private final DingTalk dingtalk;

    /** The application's clock (tests move it). */
    private final java.time.Clock clock;

    Notifications(JdbcClient jdbc, Directory directory, NotificationProperties properties, WeCom wecom,
                  DingTalk dingtalk, java.time.Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.directory = directory;
        this.properties = properties;
        this.wecom = wecom;
        this.dingtalk = dingtalk;
    }

    /**
     * The channels a notice may take: in the app, e-mail, the person's group robot, and the office's
     * WeCom and DingTalk applications (a card to the person's own account).
     */
    public static final List<String> CHANNELS = List.of("app", "email", "robot", "wecom", "dingtalk");

    /** The deliveries' channel codes of the application messages (a robot's are "wecom" and "dingtalk"). */
    static final String WECOM_APP = "wecom-app";
    static final String DINGTALK_APP = "dingtalk-app";

    /**
     * Kinds that land where they belong without a notice unless the person asks for one: a new issue
     * is in the inbox with its unread count (26 unread notices of issues drowned the one return).
     */
    static final Set<Notice.Kind> QUIET = Set.of(Notice.Kind.ISSUE_DELIVERED);

    /**
     * Tells these people (user ids; unknown or inactive ones are skipped) on the channels each chose
     * for this kind of notice; returns who was told.
     */
    @Transactional
    public List<String> send(Collection<String> userIds, Notice notice) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<String> told = new java.util.ArrayList<>();
        for (String userId : new LinkedHashSet<>(userIds)) {
            PersonDetails person = directory.details(userId).filter(PersonDetails::active).orElse(null);
            if (person == null) {
                continue;
            }
            Preference p = preference(userId);
            Set<String> channels = channels(userId, notice.kind(), p, person);
            if (channels.isEmpty()) {
                continue;
            }
            UUID id = UUID.randomUUID();
            // without the app channel the notice is still kept (deliveries hang on it), already read
            jdbc.sql("""
                    insert into notification (id, recipient, kind, message, link, submission_id, task_id, created_at,
                        read_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, userId, notice.kind().code(), cut(notice.inApp(), 400), notice.link(),
                            notice.submissionId(), notice.taskId(), now, channels.contains("app") ? null : now).update();
            String text = cut(notice.outside(properties.baseUrl()), 1000);
            if (channels.contains("email")) {
                queue(id, userId, "email", person.email(), text, notice.link(), now);
            }
            if (channels.contains("robot")) {
                queue(id, userId, p.webhookKind(), p.webhookUrl(), text, notice.link(), now);
            }
            // a card: the sentence (never an item's text, a public title at most) and a button to the link
            String card = cut(notice.card(), 1000);
            if (channels.contains("wecom")) {
                queue(id, userId, WECOM_APP, person.wecomUserId(), card, notice.link(), now);
            }
            if (channels.contains("dingtalk")) {
                queue(id, userId, DINGTALK_APP, person.dingtalkUserId(), card, notice.link(), now);
            }
            told.add(userId);
        }
        return told;
    }

    /** A step was decided (or ended): everyone's notice of it is done, and what was not sent yet stays unsent. */
    @Transactional
    public int withdraw(String taskId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("""
                update notification_delivery set status = 'withdrawn' where status = 'pending'
                and notification_id in (select id from notification where task_id = ?)""").param(taskId).update();
        return jdbc.sql("""
                update notification set done_at = ?, read_at = coalesce(read_at, ?) where task_id = ? and done_at is null""")
                .params(now, now, taskId).update();
    }

    /**
     * The channels a person set up: the app always, e-mail with an address, the robot with its URL,
     * an office's application where it is configured and the directory has the person's account.
     */
    Set<String> available(Preference p, PersonDetails person) {
        Set<String> out = new java.util.LinkedHashSet<>();
        out.add("app");
        if (p.email() && person.email() != null && !person.email().isBlank()) {
            out.add("email");
        }
        if (p.webhookKind() != null && p.webhookUrl() != null) {
            out.add("robot");
        }
        if (wecom.enabled() && person.wecomUserId() != null) {
            out.add("wecom");
        }
        if (dingtalk.enabled() && person.dingtalkUserId() != null) {
            out.add("dingtalk");
        }
        return out;
    }

    /** What the person chose for the kind, within what they set up; by default every channel, or none for a quiet kind. */
    private Set<String> channels(String userId, Notice.Kind kind, Preference p, PersonDetails person) {
        Set<String> available = available(p, person);
        List<String> chosen = chosen(userId).get(kind.code());
        if (chosen == null) {
            return QUIET.contains(kind) ? Set.of() : available;
        }
        Set<String> out = new java.util.LinkedHashSet<>(chosen);
        out.retainAll(available);
        return out;
    }

    private Map<String, List<String>> chosen(String userId) {
        Map<String, List<String>> out = new java.util.HashMap<>();
        jdbc.sql("select kind, channels from notification_choice where user_id = ?").param(userId).query((rs, i) -> {
            out.put(rs.getString("kind"), List.of((String[]) rs.getArray("channels").getArray()));
            return null;
        }).list();
        return out;
    }

    /** Tells the active holders of a role in a unit (or anywhere, with a null unit). */
    @Transactional
    public List<String> send(Role role, String unitCode, Notice notice) {
        return send(directory.holders(role, unitCode).stream().map(PersonDetails::userId).toList(), notice);
    }

    private void queue(UUID notificationId, String userId, String channel, String target, String text, String link,
                       OffsetDateTime now) {
        jdbc.sql("""
                insert into notification_delivery (id, notification_id, recipient, channel, target, text, link, status,
                    next_attempt_at, created_at) values (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)""")
                .params(UUID.randomUUID(), notificationId, userId, channel, target, text,
                        link == null || link.length() > 300 ? null : link, now, now).update();
    }

    // --- the recipient's side ---

    /** {@code done}: a step someone has already decided. */
    public record Item(UUID id, String kind, String kindLabel, String message, String link, OffsetDateTime createdAt,
                       OffsetDateTime readAt, boolean done) {
    }

    public record Page(List<Item> items, long total, long unread) {
    }

    public Page list(Person me, boolean unreadOnly, int offset, int limit) {
        String where = " where recipient = ?" + (unreadOnly ? " and read_at is null" : "");
        List<Item> items = jdbc.sql("select * from notification" + where + " order by created_at desc, id limit ? offset ?")
                .params(me.userId(), limit, offset).query((rs, i) -> {
                    String kind = rs.getString("kind");
                    return new Item(rs.getObject("id", UUID.class), kind, label(kind), rs.getString("message"),
                            rs.getString("link"), rs.getObject("created_at", OffsetDateTime.class),
                            rs.getObject("read_at", OffsetDateTime.class), rs.getObject("done_at") != null);
                }).list();
        long total = jdbc.sql("select count(*) from notification" + where).param(me.userId()).query(Long.class).single();
        return new Page(items, total, unread(me));
    }

    public long unread(Person me) {
        return jdbc.sql("select count(*) from notification where recipient = ? and read_at is null")
                .param(me.userId()).query(Long.class).single();
    }

    /** Marks one of the caller's notifications read; someone else's is not found. */
    @Transactional
    public void markRead(Person me, UUID id) {
        int found = jdbc.sql("update notification set read_at = coalesce(read_at, ?) where id = ? and recipient = ?")
                .params(OffsetDateTime.now(clock), id, me.userId()).update();
        if (found == 0) {
            throw new NotFoundException("通知不存在。");
        }
    }

    @Transactional
    public int markAllRead(Person me) {
        return jdbc.sql("update notification set read_at = ? where recipient = ? and read_at is null")
                .params(OffsetDateTime.now(clock), me.userId()).update();
    }

    public record Delivery(UUID id, String recipient, String recipientName, String channel, String channelLabel, String target,
                           String status, String statusLabel, int attempts, String lastError,
                           OffsetDateTime createdAt, OffsetDateTime nextAttemptAt, OffsetDateTime sentAt) {
    }

    /** Outside deliveries and how they went: one's own; an administrator's view takes everyone's. */
    public List<Delivery> deliveries(Person me, boolean everyone, int limit) {
        if (everyone && !me.is(Role.ADMIN)) {
            throw new cn.jianbao.web.ForbiddenException("只有系统管理员可以查看所有人的通知发送情况。");
        }
        return jdbc.sql("select * from notification_delivery" + (everyone ? "" : " where recipient = :me")
                        + " order by created_at desc limit :limit")
                .param("me", me.userId()).param("limit", limit).query((rs, i) -> {
                    String channel = rs.getString("channel");
                    String status = rs.getString("status");
                    return new Delivery(rs.getObject("id", UUID.class), rs.getString("recipient"),
                            directory.displayName(rs.getString("recipient")), channel,
                            channelLabel(channel), mask(channel, rs.getString("target")), status,
                            switch (status) {
                                case "sent" -> "已发送";
                                case "failed" -> "发送失败，已停止重试";
                                case "withdrawn" -> "未发送：已有人处理";
                                default -> rs.getInt("attempts") == 0 ? "待发送" : "发送失败，稍后重试";
                            }, rs.getInt("attempts"), rs.getString("last_error"),
                            rs.getObject("created_at", OffsetDateTime.class),
                            rs.getObject("next_attempt_at", OffsetDateTime.class),
                            rs.getObject("sent_at", OffsetDateTime.class));
                }).list();
    }

    /**
     * The delivery outbox at a glance, for an administrator watching production: waiting to go out,
     * of those failing and retried (with the latest reason), and given up.
     */
    public record OutboxStatus(long pending, long failing, long failed, String lastError) {
    }

    public OutboxStatus status(Person me) {
        if (!me.is(Role.ADMIN)) {
            throw new cn.jianbao.web.ForbiddenException("只有系统管理员可以查看通知发送队列。");
        }
        return jdbc.sql("""
                select count(*) filter (where status = 'pending') pending,
                       count(*) filter (where status = 'pending' and attempts > 0) failing,
                       count(*) filter (where status = 'failed') failed,
                       -- the reason of the delivery retried or given up most recently
                       (select last_error from notification_delivery where last_error is not null and status <> 'sent'
                         order by next_attempt_at desc limit 1) last_error
                from notification_delivery where status in ('pending', 'failed')""")
                .query((rs, i) -> new OutboxStatus(rs.getLong("pending"), rs.getLong("failing"), rs.getLong("failed"),
                        rs.getString("last_error"))).single();
    }

    // --- preferences ---

    public record Preference(boolean email, String webhookKind, String webhookUrl, String webhookSecret) {
    }

    /**
     * What the settings page shows: the channels set up, the office's applications (whether
     * configured, and the person's account there), and per kind of notice where it goes.
     */
    public record Settings(boolean email, String emailAddress, WebhookView webhook, List<String> webhookHosts,
                           List<App> apps, List<String> available, List<KindChoice> kinds) {
    }

    /** An office's application: {@code channel} wecom or dingtalk; {@code account} the person's there, if entered. */
    public record App(String channel, String label, boolean configured, String account) {
    }

    /** A robot as shown back: its signing secret never in full, only whether there is one and its ends. */
    public record WebhookView(String kind, String url, boolean secretSet, String secretHint) {
    }

    /** One kind of notice: where it goes now, and whether that is the default. */
    public record KindChoice(String kind, String label, List<String> channels, boolean defaults) {
    }

    /**
     * A robot as chosen: its kind, URL and, for a DingTalk robot with 加签, its secret (null keeps
     * the stored one while the URL stays the same, "" removes it).
     */
    public record Webhook(String kind, String url, String secret) {

        public Webhook(String kind, String url) {
            this(kind, url, null);
        }
    }

    Preference preference(String userId) {
        return jdbc.sql("select email, webhook_kind, webhook_url, webhook_secret from notification_preference where user_id = ?")
                .param(userId).query((rs, i) -> new Preference(rs.getBoolean("email"), rs.getString("webhook_kind"),
                        rs.getString("webhook_url"), rs.getString("webhook_secret")))
                .optional().orElse(new Preference(false, null, null, null));
    }

    public Settings settings(Person me) {
        Preference p = preference(me.userId());
        PersonDetails person = directory.details(me.userId()).orElseThrow();
        Set<String> available = available(p, person);
        Map<String, List<String>> chosen = chosen(me.userId());
        List<KindChoice> kinds = new java.util.ArrayList<>();
        for (Notice.Kind k : Notice.Kind.values()) {
            kinds.add(new KindChoice(k.code(), k.label(), List.copyOf(channels(me.userId(), k, p, person)),
                    !chosen.containsKey(k.code())));
        }
        List<App> apps = List.of(
                new App("wecom", "企业微信", wecom.enabled(), person.wecomUserId()),
                new App("dingtalk", "钉钉", dingtalk.enabled(), person.dingtalkUserId()));
        return new Settings(p.email(), person.email(), p.webhookKind() == null ? null
                : new WebhookView(p.webhookKind(), p.webhookUrl(), p.webhookSecret() != null, hint(p.webhookSecret())),
                properties.webhookHosts(), apps, List.copyOf(available), kinds);
    }

    /** Where each kind of notice goes; a kind not named keeps its choice (or the default). */
    @Transactional
    public Settings chooseKinds(Person me, Map<String, List<String>> kinds) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (Map.Entry<String, List<String>> e : kinds == null ? Map.<String, List<String>>of().entrySet() : kinds.entrySet()) {
            if (java.util.Arrays.stream(Notice.Kind.values()).noneMatch(k -> k.code().equals(e.getKey()))) {
                throw new BadRequestException("kinds", "未知的通知类别“" + e.getKey() + "”。");
            }
            List<String> channels = e.getValue() == null ? List.of() : e.getValue().stream().distinct().toList();
            for (String c : channels) {
                if (!CHANNELS.contains(c)) {
                    throw new BadRequestException("kinds", "未知的通知方式“" + c + "”：应为站内（app）、邮件（email）、群机器人（robot）、"
                            + "企业微信（wecom）或钉钉（dingtalk）。");
                }
            }
            jdbc.sql("""
                    insert into notification_choice (user_id, kind, channels, updated_at) values (?, ?, ?, ?)
                    on conflict (user_id, kind) do update set channels = excluded.channels, updated_at = excluded.updated_at""")
                    .params(me.userId(), e.getKey(), channels.toArray(String[]::new), now).update();
        }
        return settings(me);
    }

    /** In-app notifications are always on; e-mail needs an address on record, a webhook a robot's URL. */
    @Transactional
    public Settings choose(Person me, boolean email, Webhook webhook) {
        if (email && directory.details(me.userId()).map(PersonDetails::email).filter(e -> !e.isBlank()).isEmpty()) {
            throw new BadRequestException("email", "您的账号没有登记电子邮箱，不能选择邮件通知；请联系管理员登记邮箱。");
        }
        String kind = null;
        String url = null;
        String secret = null;
        if (webhook != null && webhook.url() != null && !webhook.url().isBlank()) {
            kind = webhook.kind() == null ? "" : webhook.kind().strip().toLowerCase(Locale.ROOT);
            if (!Set.of("wecom", "dingtalk").contains(kind)) {
                throw new BadRequestException("webhook.kind", "群机器人应为企业微信（wecom）或钉钉（dingtalk）。");
            }
            url = checkWebhook(webhook.url().strip());
            secret = secret(kind, url, webhook.secret(), preference(me.userId()));
        }
        jdbc.sql("""
                insert into notification_preference (user_id, email, webhook_kind, webhook_url, webhook_secret, updated_at)
                values (?, ?, ?, ?, ?, ?) on conflict (user_id) do update set email = excluded.email,
                webhook_kind = excluded.webhook_kind, webhook_url = excluded.webhook_url,
                webhook_secret = excluded.webhook_secret, updated_at = excluded.updated_at""")
                .params(me.userId(), email, kind, url, secret, OffsetDateTime.now(clock)).update();
        return settings(me);
    }

    /**
     * A DingTalk robot's 加签 secret: given, removed (""), or kept (null) while the robot stays the
     * same; other robots have none.
     */
    private static String secret(String kind, String url, String given, Preference before) {
        if (given == null) {
            boolean same = kind.equals(before.webhookKind()) && url.equals(before.webhookUrl());
            return same ? before.webhookSecret() : null;
        }
        String s = given.strip();
        if (s.isEmpty()) {
            return null;
        }
        if (!kind.equals("dingtalk")) {
            throw new BadRequestException("webhook.secret", "只有钉钉群机器人有加签密钥；企业微信群机器人请只填地址。");
        }
        if (s.length() > 200 || !s.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new BadRequestException("webhook.secret", "加签密钥格式不正确：应为钉钉机器人设置中“加签”一栏的密钥（以 SEC 开头）。");
        }
        return s;
    }

    /** Enough of a secret to recognise it, not to use it. */
    static String hint(String secret) {
        if (secret == null) {
            return null;
        }
        return secret.length() < 16 ? "已设置" : secret.substring(0, 3) + "…" + secret.substring(secret.length() - 4);
    }

    /** A robot's address: http(s), on an allowed host, no user info (the server calls it). */
    String checkWebhook(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("webhook.url", "群机器人地址不是有效的网址。");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new BadRequestException("webhook.url", "群机器人地址应以 https:// 开头。");
        }
        if (url.length() > 500) {
            throw new BadRequestException("webhook.url", "群机器人地址不能超过500个字符。");
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (uri.getRawUserInfo() != null || !properties.webhookHosts().contains(host)) {
            throw new BadRequestException("webhook.url", "群机器人地址应为企业微信或钉钉的机器人地址（允许的主机："
                    + String.join("、", properties.webhookHosts()) + "）。");
        }
        return url;
    }

    static String label(String kind) {
        for (Notice.Kind k : Notice.Kind.values()) {
            if (k.code().equals(kind)) {
                return k.label();
            }
        }
        return kind;
    }

    static String channelLabel(String channel) {
        return switch (channel) {
            case "email" -> "邮件";
            case "wecom" -> "企业微信群机器人";
            case "dingtalk" -> "钉钉群机器人";
            case WECOM_APP -> "企业微信";
            case DINGTALK_APP -> "钉钉";
            default -> channel;
        };
    }

    /** A robot URL holds its secret key: shown shortened. */
    static String mask(String channel, String target) {
        if (channel.equals("email") || channel.equals(WECOM_APP) || channel.equals(DINGTALK_APP)) {
            return target;
        }
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q) + "?…";
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
