package cn.jianbao.directory;

import cn.jianbao.web.ApiException;
import cn.jianbao.web.BadRequestException;
import cn.jianbao.web.ConflictException;
import cn.jianbao.web.ForbiddenException;
import cn.jianbao.web.NotFoundException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one way in for every change to units and people: validated here, written to our tables,
 * carried into Camunda's identity (users, groups, memberships, authorizations, Tasklist filters)
 * and logged, all in one transaction. The API, the admin pages, the spreadsheet import, the
 * demo data and the administrator bootstrap all come through here.
 */
@Service
public class DirectoryAdmin {

    static final Pattern UNIT_CODE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
    static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern PHONE = Pattern.compile("[0-9+\\- ()]{5,32}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    /** A WeCom or DingTalk user id: what the platforms' own admin pages allow. */
    static final Pattern PLATFORM_ACCOUNT = Pattern.compile("[A-Za-z0-9_\\-.@]{1,64}");
    /** Who acts when the application itself changes the directory (demo data, bootstrap). */
    public static final String SYSTEM = "system";

    private final Directory directory;
    private final CamundaWorkspace workspace;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final LoginLocks locks;
    private final Sessions sessions;

    /** The application's clock (tests move it). */
    private final java.time.Clock clock;

    DirectoryAdmin(Directory directory, CamundaWorkspace workspace, JdbcClient jdbc, ObjectMapper json,
                   LoginLocks locks, Sessions sessions, java.time.Clock clock) {
        this.clock = clock;
        this.directory = directory;
        this.workspace = workspace;
        this.jdbc = jdbc;
        this.json = json;
        this.locks = locks;
        this.sessions = sessions;
    }

    /** A unit as submitted; on a change, null fields stay as they are and "" clears the parent. */
    /** {@code shortName}: what its 报送编号 begin with; derived from the name when not given. */
    public record UnitDraft(String code, String name, String kind, String parentCode, Boolean active, Integer order,
                            String shortName) {
        public UnitDraft(String code, String name, String kind, String parentCode, Boolean active, Integer order) {
            this(code, name, kind, parentCode, active, order, null);
        }
    }

    /**
     * A person as submitted; on a change, null fields stay as they are and "" clears phone, e-mail
     * or a platform account ({@code wecomUserId} 企业微信账号, {@code dingtalkUserId} 钉钉账号).
     */
    public record PersonDraft(String userId, String name, String unitCode, List<String> roles, String phone,
                              String email, String password, Boolean active, String wecomUserId,
                              String dingtalkUserId) {

        public PersonDraft(String userId, String name, String unitCode, List<String> roles, String phone,
                           String email, String password, Boolean active) {
            this(userId, name, unitCode, roles, phone, email, password, active, null, null);
        }
    }

    /** A person and, when one was made for them, the initial password to hand over (shown once). */
    public record Saved(PersonDetails person, String initialPassword) {
    }

    // --- units ---

    @Transactional
    public UnitDetails createUnit(Person admin, UnitDraft draft) {
        requireAdmin(admin);
        return createUnit(admin.userId(), draft);
    }

    @Transactional
    public UnitDetails createUnit(String actor, UnitDraft d) {
        String code = required("code", d.code(), "请填写单位编码。");
        if (!UNIT_CODE.matcher(code).matches()) {
            throw new BadRequestException("code", "单位编码“" + code + "”格式不正确：须为1–32位小写字母、数字、下划线或连字符，以字母或数字开头。");
        }
        if (directory.unitDetails(code).isPresent()) {
            throw new ConflictException("单位编码“" + code + "”已存在。");
        }
        UnitDetails unit = new UnitDetails(code, name(d.name()), kind(required("kind", d.kind(),
                "请选择单位类型：乡镇街道（town）、成员单位（member）或协调办公室（office）。")),
                parent(code, d.parentCode()), d.active() == null || d.active(), d.order() == null ? nextOrder() : d.order(),
                null);
        uniqueName(unit.name(), code);
        unit = withShortName(unit, d.shortName() != null ? givenShortName(code, d.shortName()) : derivedShortName(code, unit.name()));
        jdbc.sql("insert into unit (code, name, kind, parent_code, active, sort_order, short_name) values (?, ?, ?, ?, ?, ?, ?)")
                .params(unit.code(), unit.name(), unit.kind().code(), unit.parentCode(), unit.active(), unit.order(),
                        unit.shortName())
                .update();
        workspace.provisionUnit(unit.unit());
        log(actor, "unit", code, "create", unit);
        return unit;
    }

    @Transactional
    public UnitDetails updateUnit(Person admin, String code, UnitDraft d) {
        requireAdmin(admin);
        UnitDetails current = directory.unitDetails(code).orElseThrow(() -> new NotFoundException("单位“" + code + "”不存在。"));
        if (d.code() != null && !d.code().strip().equals(code)) {
            throw new BadRequestException("code", "单位编码不能修改（报送记录和权限都以它为准）；如需更换，请新建单位并停用原单位。");
        }
        UnitKind kind = d.kind() == null ? current.kind() : kind(d.kind());
        if (kind != current.kind() && directory.unitHasItems(code)) {
            throw new BadRequestException("kind", "该单位已有报送记录，不能更改单位类型。");
        }
        UnitDetails next = new UnitDetails(code, d.name() == null ? current.name() : name(d.name()), kind,
                d.parentCode() == null ? current.parentCode() : parent(code, d.parentCode()),
                d.active() == null ? current.active() : d.active(), d.order() == null ? current.order() : d.order(),
                // a new name keeps the short name: numbers already given stay what people know them by
                d.shortName() == null || d.shortName().strip().equals(current.shortName()) ? current.shortName()
                        : givenShortName(code, d.shortName()));
        if (next.equals(current)) {
            return current;
        }
        if (!next.active() && kind == UnitKind.OFFICE && current.active()) {
            throw new BadRequestException("active", "协调办公室不能停用。");
        }
        uniqueName(next.name(), code);
        jdbc.sql("update unit set name = ?, kind = ?, parent_code = ?, active = ?, sort_order = ?, short_name = ? where code = ?")
                .params(next.name(), next.kind().code(), next.parentCode(), next.active(), next.order(),
                        next.shortName(), code).update();
        workspace.provisionUnit(next.unit());
        log(admin.userId(), "unit", code, next.active() == current.active() ? "update"
                : next.active() ? "activate" : "deactivate", next);
        return next;
    }

    // --- people ---

    @Transactional
    public Saved createPerson(Person admin, PersonDraft draft) {
        requireAdmin(admin);
        return createPerson(admin.userId(), draft, true);
    }

    /**
     * A new person. With {@code initial}, a given password must meet the policy and be changed at
     * the first login, and without one an initial password is made; otherwise (demo data, the
     * bootstrap administrator) the password is taken as it is.
     */
    @Transactional
    public Saved createPerson(String actor, PersonDraft d, boolean initial) {
        String userId = required("userId", d.userId(), "请填写用户名。");
        if (!USER_ID.matcher(userId).matches()) {
            throw new BadRequestException("userId", "用户名“" + userId + "”格式不正确：须为1–64位字母、数字、点、下划线或连字符，以字母或数字开头。");
        }
        if (directory.details(userId).isPresent()) {
            throw new ConflictException("用户名“" + userId + "”已存在。");
        }
        UnitDetails unit = activeUnit(required("unitCode", d.unitCode(), "请选择所在单位。"));
        Set<Role> roles = roles(d.roles(), unit);
        String password = d.password() == null || d.password().isEmpty() ? null : d.password();
        String handOver = null;
        if (initial) {
            if (password == null) {
                password = PasswordPolicy.generate();
                handOver = password;
            } else {
                checkPassword(userId, password);
            }
        }
        PersonDetails person = new PersonDetails(userId, name(d.name()), unit.unit(), roles, phone(d.phone()),
                email(d.email()), d.active() == null || d.active(), initial && password != null,
                account(Directory.Platform.WECOM, d.wecomUserId(), userId),
                account(Directory.Platform.DINGTALK, d.dingtalkUserId(), userId));
        jdbc.sql("""
                insert into person (user_id, unit_code, display_name, phone, email, active, must_change_password,
                    wecom_user_id, dingtalk_user_id, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, now())""")
                .params(userId, unit.code(), person.name(), person.phone(), person.email(), person.active(),
                        person.mustChangePassword(), person.wecomUserId(), person.dingtalkUserId()).update();
        writeRoles(userId, roles);
        workspace.syncUser(person, password);
        log(actor, "person", userId, "create", person);
        return new Saved(person, handOver);
    }

    @Transactional
    public PersonDetails updatePerson(Person admin, String userId, PersonDraft d) {
        requireAdmin(admin);
        return updatePerson(admin.userId(), userId, d);
    }

    @Transactional
    public PersonDetails updatePerson(String actor, String userId, PersonDraft d) {
        PersonDetails current = directory.details(userId)
                .orElseThrow(() -> new NotFoundException("用户“" + userId + "”不存在。"));
        if (d.userId() != null && !d.userId().strip().equals(userId)) {
            throw new BadRequestException("userId", "用户名不能修改；如需更换，请新建人员并停用原账号。");
        }
        if (d.password() != null) {
            throw new BadRequestException("password", "密码请通过“重置密码”设置。");
        }
        UnitDetails unit = d.unitCode() == null || d.unitCode().strip().equals(current.unit().code())
                ? directory.unitDetails(current.unit().code()).orElseThrow() : activeUnit(d.unitCode().strip());
        Set<Role> roles = d.roles() == null ? current.roles() : roles(d.roles(), unit);
        if (d.roles() == null && !current.roles().isEmpty()) {
            roles(current.roles().stream().map(Role::code).toList(), unit); // still fit the (new) unit
        }
        PersonDetails next = new PersonDetails(userId, d.name() == null ? current.name() : name(d.name()),
                unit.unit(), roles, d.phone() == null ? current.phone() : phone(d.phone()),
                d.email() == null ? current.email() : email(d.email()),
                d.active() == null ? current.active() : d.active(), current.mustChangePassword(),
                d.wecomUserId() == null ? current.wecomUserId() : account(Directory.Platform.WECOM, d.wecomUserId(), userId),
                d.dingtalkUserId() == null ? current.dingtalkUserId()
                        : account(Directory.Platform.DINGTALK, d.dingtalkUserId(), userId));
        if (actor.equals(userId) && (!next.active() || !next.roles().contains(Role.ADMIN))) {
            throw new BadRequestException(next.active() ? "roles" : "active", "不能停用自己的账号或取消自己的管理员角色，请由其他管理员操作。");
        }
        if (next.equals(current)) {
            return current;
        }
        jdbc.sql("""
                update person set unit_code = ?, display_name = ?, phone = ?, email = ?, active = ?, wecom_user_id = ?,
                dingtalk_user_id = ?, updated_at = now() where user_id = ?""")
                .params(next.unit().code(), next.name(), next.phone(), next.email(), next.active(), next.wecomUserId(),
                        next.dingtalkUserId(), userId).update();
        writeRoles(userId, roles);
        workspace.syncUser(next, null);
        log(actor, "person", userId, next.active() == current.active() ? "update"
                : next.active() ? "activate" : "deactivate", Map.of("before", current, "after", next));
        if (!next.active() && current.active()) {
            sessions.endAllOf(userId); // signed out everywhere at once, not at their next request only
        }
        return next;
    }

    /** An administrator sets a new password (or has one made), which the person must change at the next login. */
    @Transactional
    public String resetPassword(Person admin, String userId, String password) {
        requireAdmin(admin);
        PersonDetails person = directory.details(userId)
                .orElseThrow(() -> new NotFoundException("用户“" + userId + "”不存在。"));
        String next = password == null || password.isEmpty() ? PasswordPolicy.generate() : password;
        checkPassword(userId, next);
        jdbc.sql("update person set must_change_password = true, updated_at = now() where user_id = ?").param(userId)
                .update();
        workspace.syncUser(person, next);
        // a new password lifts a lock, and ends the sessions someone may hold with the old one
        locks.unlock(userId);
        int ended = sessions.endAllOf(userId);
        log(admin.userId(), "person", userId, "password-reset", Map.of("sessionsEnded", ended));
        return password == null || password.isEmpty() ? next : null;
    }

    /** An administrator lifts a login lock before it ends by itself. */
    @Transactional
    public void unlock(Person admin, String userId) {
        requireAdmin(admin);
        directory.details(userId).orElseThrow(() -> new NotFoundException("用户“" + userId + "”不存在。"));
        locks.unlock(userId);
        log(admin.userId(), "person", userId, "unlock", null);
    }

    /** An administrator signs a person out everywhere (a lost phone, a shared computer). */
    @Transactional
    public int endSessions(Person admin, String userId) {
        requireAdmin(admin);
        directory.details(userId).orElseThrow(() -> new NotFoundException("用户“" + userId + "”不存在。"));
        int ended = sessions.endAllOf(userId);
        log(admin.userId(), "person", userId, "sessions-ended", Map.of("sessionsEnded", ended));
        return ended;
    }

    /** Anyone changes their own password, knowing the current one; their other sessions end. */
    @Transactional(noRollbackFor = BadRequestException.class) // a wrong old password is counted, and stays counted
    public void changeOwnPassword(Person me, String oldPassword, String newPassword) {
        var refusal = locks.refusal(me.userId());
        if (refusal.isPresent()) {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "oldPassword", refusal.get().locked()
                    ? "原密码输错次数过多，已暂时锁定，请稍后再试或请系统管理员解锁。" : "原密码输错次数较多，请稍后再试。");
        }
        if (oldPassword == null || !workspace.checkPassword(me.userId(), oldPassword)) {
            locks.failed(me.userId(), null); // the same count as the login's: a stolen session guesses no faster
            throw new BadRequestException("oldPassword", "原密码不正确。");
        }
        checkPassword(me.userId(), newPassword);
        if (newPassword.equals(oldPassword)) {
            throw new BadRequestException("newPassword", "新密码不能与原密码相同。");
        }
        PersonDetails person = directory.details(me.userId()).orElseThrow();
        jdbc.sql("update person set must_change_password = false, updated_at = now() where user_id = ?")
                .param(me.userId()).update();
        workspace.syncUser(person, newPassword);
        int ended = sessions.endAllOf(me.userId()); // the browser that changed it keeps its own
        log(me.userId(), "person", me.userId(), "password-change", Map.of("sessionsEnded", ended));
    }

    // --- for the application itself: demo data and the administrator bootstrap ---

    /** The unit as given, created or brought up to date (idempotent, for start-up). */
    @Transactional
    public UnitDetails ensureUnit(UnitDraft d) {
        Optional<UnitDetails> current = directory.unitDetails(d.code());
        if (current.isEmpty()) {
            return createUnit(SYSTEM, d);
        }
        workspace.provisionUnit(current.get().unit());
        return current.get();
    }

    /** The person as given, created if missing (an existing password is never touched). */
    @Transactional
    public PersonDetails ensurePerson(PersonDraft d) {
        Optional<PersonDetails> current = directory.details(d.userId());
        if (current.isEmpty()) {
            return createPerson(SYSTEM, d, false).person();
        }
        workspace.syncUser(current.get(), null);
        return current.get();
    }

    // --- validation ---

    static void requireAdmin(Person person) {
        if (!person.is(Role.ADMIN)) {
            throw new ForbiddenException("只有系统管理员可以维护单位和人员。");
        }
    }

    static void checkPassword(String userId, String password) {
        PasswordPolicy.violation(userId, password).ifPresent(v -> {
            throw new BadRequestException("password", v);
        });
    }

    private UnitDetails activeUnit(String code) {
        UnitDetails unit = directory.unitDetails(code)
                .orElseThrow(() -> new BadRequestException("unitCode", "单位“" + code + "”不存在。"));
        if (!unit.active()) {
            throw new BadRequestException("unitCode", "单位“" + unit.name() + "”已停用，不能再添加或调入人员。");
        }
        return unit;
    }

    /** Roles must be known, fit the unit, and an auditor holds no other role (they change nothing). */
    static Set<Role> roles(List<String> codes, UnitDetails unit) {
        if (codes == null || codes.isEmpty()) {
            throw new BadRequestException("roles", "请至少选择一个角色：信息联络员、主管领导、办公室编辑、签发人、审计人员或系统管理员。");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String c : codes) {
            roles.add(Role.parse(c).orElseThrow(() -> new BadRequestException("roles", "未知的角色“" + c
                    + "”：应为 liaison、leader、editor、signer、auditor 或 admin（或其中文名称）。")));
        }
        for (Role r : roles) {
            if (r.officeRole() != (unit.kind() == UnitKind.OFFICE)) {
                throw new BadRequestException("roles", r.officeRole()
                        ? r.label() + "须为协调办公室的人员，“" + unit.name() + "”不是协调办公室。"
                        : r.label() + "须属于乡镇街道或成员单位，协调办公室没有" + r.label() + "。");
            }
        }
        if (roles.contains(Role.AUDITOR) && roles.size() > 1) {
            throw new BadRequestException("roles", "审计人员只能查看，不能兼任其他角色。");
        }
        return roles;
    }

    private String parent(String code, String parentCode) {
        if (parentCode == null || parentCode.isBlank()) {
            return null;
        }
        String p = parentCode.strip();
        if (p.equals(code)) {
            throw new BadRequestException("parentCode", "单位不能是自己的上级单位。");
        }
        Set<String> seen = new HashSet<>(Set.of(code));
        for (String at = p; at != null; ) {
            if (!seen.add(at)) {
                throw new BadRequestException("parentCode", "上级单位设置会形成循环。");
            }
            at = directory.unitDetails(at).orElseThrow(() -> new BadRequestException("parentCode",
                    "上级单位“" + parentCode + "”不存在。")).parentCode();
        }
        return p;
    }

    /** Two units of one name would be told apart by nobody reading a byline or a list. */
    private void uniqueName(String name, String code) {
        directory.units().stream().filter(u -> u.name().equals(name) && !u.code().equals(code)).findFirst()
                .ifPresent(u -> {
                    throw new ConflictException("已有名为“" + name + "”的单位，单位名称不能重复。");
                });
    }

    private static final java.util.regex.Pattern PLACE_PREFIX = java.util.regex.Pattern.compile("^(市|县|区)(?=..)");
    private static final java.util.regex.Pattern PLACE_SUFFIX =
            java.util.regex.Pattern.compile("(?<=..)(街道办事处|街道|办事处|镇|乡)$");

    /** 黄江镇 → 黄江, 市公安局 → 公安局 (as V20 did for the units then); the full name where that is taken. */
    private String derivedShortName(String code, String name) {
        String derived = PLACE_SUFFIX.matcher(PLACE_PREFIX.matcher(name).replaceFirst("")).replaceFirst("");
        List<String> candidates = List.of(derived, name, name + "（" + code + "）");
        // without digits where it can be (a number's sequence follows the short name when typed)
        for (String candidate : candidates) {
            if (candidate.chars().noneMatch(c -> c >= '0' && c <= '9') && shortNameFree(code, candidate)) {
                return candidate;
            }
        }
        return candidates.stream().filter(c -> shortNameFree(code, c)).findFirst().orElse(name + "（" + code + "）");
    }

    private String givenShortName(String code, String given) {
        String s = given.strip();
        if (s.isEmpty() || s.length() > 20 || !s.codePoints().allMatch(Character::isLetter)) {
            throw new BadRequestException("shortName", "单位简称用于报送编号（如 黄江〔2026〕37号），须为1–20个汉字或字母，不含数字和符号。");
        }
        if (!shortNameFree(code, s)) {
            throw new ConflictException("简称“" + s + "”已由其他单位使用（或曾用于其他单位的报送编号），请另取一个。");
        }
        return s;
    }

    /** Not another unit's short name now, nor the start of numbers another unit was given before. */
    private boolean shortNameFree(String code, String shortName) {
        return !jdbc.sql("""
                select exists (select 1 from unit where short_name = ? and code <> ?)
                    or exists (select 1 from submission where unit_code <> ? and number like ? escape '\\')""")
                .params(shortName, code, code, shortName.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "〔%")
                .query(Boolean.class).single();
    }

    private static UnitDetails withShortName(UnitDetails u, String shortName) {
        return new UnitDetails(u.code(), u.name(), u.kind(), u.parentCode(), u.active(), u.order(), shortName);
    }

    private int nextOrder() {
        return jdbc.sql("select coalesce(max(sort_order), 0) + 10 from unit").query(Integer.class).single();
    }

    private static UnitKind kind(String kind) {
        return UnitKind.parse(kind).orElseThrow(() -> new BadRequestException("kind",
                "未知的单位类型“" + kind + "”：应为乡镇街道（town）、成员单位（member）或协调办公室（office）。"));
    }

    private static String name(String name) {
        String n = required("name", name, "请填写名称。");
        if (n.length() > 100) {
            throw new BadRequestException("name", "名称不能超过100字。");
        }
        return n;
    }

    private static String phone(String phone) {
        if (phone == null || phone.isBlank()) {
            return null;
        }
        if (!PHONE.matcher(phone.strip()).matches()) {
            throw new BadRequestException("phone", "电话号码格式不正确。");
        }
        return phone.strip();
    }

    private static String email(String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        String e = email.strip();
        if (e.length() > 254 || !EMAIL.matcher(e).matches()) {
            throw new BadRequestException("email", "电子邮箱格式不正确。");
        }
        return e;
    }

    /** A platform account: its own characters only, and nobody else's ("" or blank: none). */
    private String account(Directory.Platform platform, String accountId, String userId) {
        if (accountId == null || accountId.isBlank()) {
            return null;
        }
        String field = platform == Directory.Platform.WECOM ? "wecomUserId" : "dingtalkUserId";
        String a = accountId.strip();
        if (!PLATFORM_ACCOUNT.matcher(a).matches()) {
            throw new BadRequestException(field, platform.label() + "账号“" + a
                    + "”格式不正确：须为1–64位字母、数字、下划线、连字符、点或@。");
        }
        directory.byPlatformAccount(platform, a).filter(p -> !p.userId().equals(userId)).ifPresent(p -> {
            throw new ConflictException(platform.label() + "账号“" + a + "”已登记给" + p.name() + "（" + p.userId() + "）。");
        });
        return a;
    }

    private static String required(String field, String value, String message) {
        if (value == null || value.isBlank()) {
            throw new BadRequestException(field, message);
        }
        return value.strip();
    }

    private void writeRoles(String userId, Set<Role> roles) {
        jdbc.sql("delete from person_role where user_id = ?").param(userId).update();
        for (Role r : roles) {
            jdbc.sql("insert into person_role (user_id, role) values (?, ?)").params(userId, r.code()).update();
        }
    }

    private void log(String actor, String kind, String target, String action, Object detail) {
        String text;
        try {
            text = detail == null ? null : json.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        jdbc.sql("insert into directory_log (at, actor, target_kind, target, action, detail) values (?, ?, ?, ?, ?, cast(? as jsonb))")
                .params(OffsetDateTime.now(clock), actor, kind, target, action, text).update();
    }

    /** The directory's log, newest first, for the admin page and auditors. */
    public List<Map<String, Object>> log(String kind, String target, int limit) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select at, actor, target_kind, target, action from directory_log where true");
        if (kind != null) {
            sql.append(" and target_kind = ?");
            params.add(kind);
        }
        if (target != null) {
            sql.append(" and target = ?");
            params.add(target);
        }
        sql.append(" order by at desc, id desc limit ?");
        params.add(limit);
        List<Map<String, Object>> out = new ArrayList<>();
        jdbc.sql(sql.toString()).params(params).query(rs -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", rs.getObject("at", OffsetDateTime.class));
            m.put("actor", rs.getString("actor"));
            m.put("actorName", Objects.equals(rs.getString("actor"), SYSTEM) ? "系统" : directory.displayName(rs.getString("actor")));
            m.put("targetKind", rs.getString("target_kind"));
            m.put("target", rs.getString("target"));
            m.put("action", rs.getString("action"));
            out.add(m);
        });
        return out;
    }
}
