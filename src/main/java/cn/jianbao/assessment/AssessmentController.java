package cn.jianbao.assessment;

import cn.jianbao.web.Inputs;
import cn.jianbao.directory.Person;
import cn.jianbao.directory.Role;
import cn.jianbao.web.BadRequestException;
import cn.jianbao.web.ConflictException;
import cn.jianbao.web.ForbiddenException;
import cn.jianbao.web.OfficeTime;
import cn.jianbao.web.Paging;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;

/** The assessment's API and pages: events, the ledger, rankings, reports and the rule tables. */
@io.swagger.v3.oas.annotations.tags.Tag(name = "考核")
@Controller
class AssessmentController {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private final Assessment assessment;
    private final Ledger ledger;
    private final Rankings rankings;
    private final AssessmentReports reports;
    private final RuleBook rules;
    private final RulePreview preview;
    private final OfficeTime time;
    private final AssessmentPolicy policy;
    private final cn.jianbao.directory.Directory directory;

    AssessmentController(Assessment assessment, Ledger ledger, Rankings rankings, AssessmentReports reports,
                         RuleBook rules, RulePreview preview, OfficeTime time, AssessmentPolicy policy,
                         cn.jianbao.directory.Directory directory) {
        this.directory = directory;
        this.assessment = assessment;
        this.ledger = ledger;
        this.rankings = rankings;
        this.reports = reports;
        this.rules = rules;
        this.preview = preview;
        this.time = time;
        this.policy = policy;
    }

    // --- pages ---

    @GetMapping("/assessment")
    String page() {
        return "forward:/assessment.html";
    }

    @GetMapping("/admin/rules")
    String rulesPage(@AuthenticationPrincipal Person me, HttpServletResponse response) throws IOException {
        if (!Assessment.office(me)) {
            response.sendError(403);
            return null;
        }
        return "forward:/rules.html";
    }

    // --- events ---

    @PostMapping("/api/submissions/{id}/instructions")
    @ResponseBody
    ResponseEntity<Map<String, Object>> instruction(@AuthenticationPrincipal Person me, @PathVariable UUID id,
                                                    @RequestBody Assessment.InstructionDraft draft) {
        return created(assessment.instruction(me, id, draft));
    }

    /** The 批示 on an item and their follow-up: for the office and the item's unit (its approval record). */
    @GetMapping("/api/submissions/{id}/instructions")
    @ResponseBody
    List<Map<String, Object>> instructions(@AuthenticationPrincipal Person me, @PathVariable UUID id) {
        return assessment.instructions(me, id);
    }

    record Feedback(String feedback) {
    }

    @PostMapping("/api/instructions/{id}/feedback")
    @ResponseBody
    ResponseEntity<Void> feedback(@AuthenticationPrincipal Person me, @PathVariable UUID id, @RequestBody Feedback body) {
        assessment.feedback(me, id, body.feedback());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/submissions/{id}/forwards")
    @ResponseBody
    ResponseEntity<Map<String, Object>> forward(@AuthenticationPrincipal Person me, @PathVariable UUID id,
                                                @RequestBody Assessment.ForwardDraft draft) {
        return created(assessment.forward(me, id, draft));
    }

    @PostMapping("/api/submissions/{id}/media-use")
    @ResponseBody
    ResponseEntity<Map<String, Object>> mediaUse(@AuthenticationPrincipal Person me, @PathVariable UUID id,
                                                 @RequestBody Assessment.MediaUseDraft draft) {
        return created(assessment.mediaUse(me, id, draft));
    }

    @PostMapping("/api/units/{code}/deductions")
    @ResponseBody
    ResponseEntity<Map<String, Object>> deduction(@AuthenticationPrincipal Person me, @PathVariable String code,
                                                  @RequestBody Assessment.DeductionDraft draft) {
        return created(assessment.deduction(me, code, draft));
    }

    private ResponseEntity<Map<String, Object>> created(UUID eventId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", eventId);
        body.put("ledger", ledger.ofEvent(eventId));
        return ResponseEntity.created(URI.create("/api/ledger?event=" + eventId)).body(body);
    }

    // --- the ledger ---

    @GetMapping("/api/ledger")
    @ResponseBody
    ResponseEntity<List<Ledger.Entry>> ledger(@AuthenticationPrincipal Person me,
                                              @RequestParam(required = false) String unit,
                                              @RequestParam(required = false) String from,
                                              @RequestParam(required = false) String to,
                                              @RequestParam(required = false) Integer page,
                                              @RequestParam(required = false) Integer size) {
        Paging paging = Paging.of(page, size, 50);
        Ledger.Page result = ledger.entries(me, unit, day("from", from), day("to", to), paging.offset(), paging.size());
        return ResponseEntity.ok().header("X-Total-Count", Long.toString(result.total()))
                .header("X-Points-Total", AssessmentReports.plain(result.points()))
                .header("X-Yuan-Total", AssessmentReports.plain(result.yuan()))
                .body(result.entries());
    }

    record Reversal(String reason) {
    }

    @PostMapping("/api/ledger/{id}/reversal")
    @ResponseBody
    ResponseEntity<Map<String, Object>> reverse(@AuthenticationPrincipal Person me, @PathVariable UUID id,
                                                @RequestBody Reversal body) {
        UUID entry = ledger.reverse(me, id, body.reason());
        return ResponseEntity.created(URI.create("/api/ledger")).body(Map.of("id", entry));
    }

    @GetMapping("/api/ledger/export")
    ResponseEntity<byte[]> ledgerExport(@AuthenticationPrincipal Person me, @RequestParam(required = false) String unit,
                                        @RequestParam(required = false) String period) {
        Period p = period(period);
        return file(reports.ledgerXlsx(me, unit, p), "积分台账" + p.label() + ".xlsx", XLSX);
    }

    // --- rankings and reports ---

    @GetMapping("/api/rankings")
    @ResponseBody
    Map<String, Object> rankings(@AuthenticationPrincipal Person me, @RequestParam(required = false) String period) {
        Rankings.Report r = rankings.visibleTo(me, period(period));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("period", r.period());
        m.put("complete", r.complete());
        m.put("submitted", r.submitted());
        m.put("adopted", r.adopted());
        if (r.points() != null) {
            m.put("points", r.points());
        }
        m.put("towns", r.towns());
        m.put("members", r.members());
        m.put("settings", policy.current());
        return m;
    }

    /** The 通报 of a month (or, with {@code period}, a quarter or a year), for the office. */
    @GetMapping("/api/reports/monthly")
    ResponseEntity<byte[]> monthly(@AuthenticationPrincipal Person me, @RequestParam(required = false) String month,
                                   @RequestParam(required = false) String period,
                                   @RequestParam(required = false, defaultValue = "docx") String format) {
        if (!Assessment.office(me)) {
            throw new ForbiddenException("通报由协调办公室制发。");
        }
        Period p = period(period != null ? period : month);
        String name = "关于" + p.label() + "信息报送采用情况的通报";
        return switch (format.strip().toLowerCase()) {
            case "docx" -> file(reports.docx(p), name + ".docx", DOCX);
            case "xlsx" -> file(reports.rankingXlsx(p), name + ".xlsx", XLSX);
            case "pdf" -> {
                if (!reports.pdfAvailable()) {
                    throw new cn.jianbao.web.ServiceUnavailableException(
                            "服务器未安装中文字体，暂时不能生成 PDF 版；请先下载 Word 版，并请管理员安装字体（见说明文档）。");
                }
                yield file(reports.pdf(p), name + ".pdf", "application/pdf");
            }
            default -> throw new BadRequestException("format", "格式应为 docx、pdf 或 xlsx。");
        };
    }

    @GetMapping("/api/assessment/settings")
    @ResponseBody
    AssessmentSettings settings() {
        return policy.current();
    }

    @org.springframework.web.bind.annotation.PutMapping("/api/assessment/settings")
    @ResponseBody
    AssessmentSettings updateSettings(@AuthenticationPrincipal Person me, @RequestBody AssessmentSettings body) {
        return policy.update(me, body);
    }

    // --- rule tables ---

    @GetMapping("/api/rules")
    @ResponseBody
    List<Map<String, Object>> ruleVersions(@AuthenticationPrincipal Person me) {
        requireRuleReader(me);
        Map<String, String> names = new java.util.HashMap<>();
        return rules.versions().stream().map(v -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", v.key());
            m.put("label", v.label());
            m.put("version", v.version());
            m.put("effectiveFrom", v.effectiveFrom());
            m.put("recordedBy", v.recordedBy());
            // who changed a rule, by name (the defaults were installed by the system)
            m.put("recordedByName", "system".equals(v.recordedBy()) ? "系统初始"
                    : names.computeIfAbsent(v.recordedBy(), directory::displayName));
            m.put("recordedAt", v.recordedAt());
            m.put("note", v.note());
            return m;
        }).toList();
    }

    @GetMapping("/api/rules/{key}/{version}")
    ResponseEntity<byte[]> ruleXml(@AuthenticationPrincipal Person me, @PathVariable String key, @PathVariable int version) {
        requireRuleReader(me);
        RuleTable table = RuleTable.ofKey(key).orElseThrow(() -> new cn.jianbao.web.NotFoundException("规则表不存在。"));
        return file(rules.xml(table, version), table.file().replace(".dmn", "-v" + version + ".dmn"), "application/xml");
    }

    /** A table's version in force today as a grid in Chinese, for the office to change in place. */
    @GetMapping("/api/rules/{key}/grid")
    @ResponseBody
    Map<String, Object> grid(@AuthenticationPrincipal Person me, @PathVariable String key) {
        requireRuleReader(me);
        RuleTable table = table(key);
        RuleBook.Version inForce = inForce(table);
        RuleGrid.Grid grid = RuleGrid.read(table, inForce.version(), rules.xml(table, inForce.version()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", grid.key());
        out.put("label", grid.label());
        out.put("version", grid.version());
        out.put("effectiveFrom", inForce.effectiveFrom());
        LocalDate today = time.today();
        out.put("latest", newest(table));
        // versions to come, one per day (of several the same day, the last installed applies)
        Map<LocalDate, Integer> scheduled = new java.util.TreeMap<>();
        rules.versions().stream().filter(v -> v.key().equals(table.key()) && v.effectiveFrom().isAfter(today))
                .forEach(v -> scheduled.merge(v.effectiveFrom(), v.version(), Math::max));
        out.put("scheduled", scheduled.entrySet().stream().map(e -> Map.of("version", e.getValue(), "effectiveFrom",
                e.getKey())).toList());
        out.put("columns", grid.columns());
        out.put("rows", grid.rows());
        return out;
    }

    /**
     * A change made on the grid: the version it started from, the cells changed (rule id → column →
     * value), and for a preview the period, for installing the day it takes effect and the reason.
     */
    record GridChange(Integer version, Integer latest, Map<String, Map<String, Object>> rows, String period,
                      String effectiveFrom, String note) {
    }

    /** What the grid's change would do to a period, per unit; nothing is stored. */
    @PostMapping("/api/rules/{key}/grid/preview")
    @ResponseBody
    Map<String, Object> gridPreview(@AuthenticationPrincipal Person me, @PathVariable String key,
                                    @RequestBody GridChange change) {
        requireRuleTrier(me);
        RuleBook.Candidate candidate = rules.check(changed(table(key), change));
        Period p = period(change.period());
        return Map.of("table", candidate.table().key(), "tableLabel", candidate.table().label(), "period", p,
                "units", preview.preview(candidate, p));
    }

    /** The grid's change installed as the table's next version (admin), in force from its day. */
    @PostMapping("/api/rules/{key}/grid")
    @ResponseBody
    ResponseEntity<RuleBook.Version> gridInstall(@AuthenticationPrincipal Person me, @PathVariable String key,
                                                 @RequestBody GridChange change) {
        // refused before anything sent is read; RuleBook.install asks again
        cn.jianbao.access.WritePolicy.require(me, cn.jianbao.access.WritePolicy.Action.CHANGE_RULES);
        RuleTable table = table(key);
        String note = change.note() == null ? "" : change.note().strip();
        if (note.isEmpty()) {
            throw new BadRequestException("note", "请写明修改的依据或理由（如：依据2027年考核办法）。");
        }
        if (note.length() > 500) {
            throw new BadRequestException("note", "说明不超过500字。");
        }
        if (change.effectiveFrom() == null || change.effectiveFrom().isBlank()) {
            throw new BadRequestException("effectiveFrom", "请选择生效日期。");
        }
        LocalDate from = day("effectiveFrom", change.effectiveFrom());
        RuleBook.Candidate candidate = rules.check(changed(table, change));
        RuleBook.Version v = rules.install(candidate, from, me, note);
        return ResponseEntity.created(URI.create("/api/rules/" + v.key() + "/" + v.version())).body(v);
    }

    /** The version in force with the grid's cells changed; 409 where someone installed another meanwhile. */
    private byte[] changed(RuleTable table, GridChange change) {
        RuleBook.Version inForce = inForce(table);
        // changed meanwhile (another version installed since the grid was read): not overwritten unseen
        if (change.version() == null || change.version() != inForce.version()
                || (change.latest() != null && change.latest() != newest(table))) {
            throw new ConflictException(table.label() + "刚刚有了新版本，请刷新页面，在最新情况上修改。");
        }
        return RuleGrid.write(rules.xml(table, inForce.version()), change.rows());
    }

    private int newest(RuleTable table) {
        return rules.versions().stream().filter(v -> v.key().equals(table.key())).mapToInt(RuleBook.Version::version)
                .max().orElse(0);
    }

    /** The version in force today: what the office changes (a version scheduled later keeps its day). */
    private RuleBook.Version inForce(RuleTable table) {
        int inForce = rules.versionOn(table, time.today());
        return rules.versions().stream().filter(v -> v.key().equals(table.key()) && v.version() == inForce).findFirst()
                .orElseThrow(() -> new cn.jianbao.web.NotFoundException("规则表不存在。"));
    }

    private static RuleTable table(String key) {
        return RuleTable.ofKey(key).orElseThrow(() -> new cn.jianbao.web.NotFoundException("规则表不存在。"));
    }

    private static void requireRuleTrier(Person me) {
        if (!me.isOffice()) {
            // the office's tool for a change it considers; the auditor reads rules and their history
            throw new ForbiddenException(me.is(Role.AUDITOR) ? "审计人员只能查看计分规则及其历史，不能试算或更改。"
                    : "计分规则由协调办公室管理。");
        }
    }

    /** A new version of a rule table (admin): checked, then deployed and in force from its day. */
    @PostMapping(path = "/api/rules", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseBody
    ResponseEntity<RuleBook.Version> upload(@AuthenticationPrincipal Person me,
                                            @RequestPart(name = "file", required = false) MultipartFile file,
                                            @RequestParam(required = false) String effectiveFrom,
                                            @RequestParam(required = false) String note) throws IOException {
        // refused before the upload is parsed; RuleBook.install asks again
        cn.jianbao.access.WritePolicy.require(me, cn.jianbao.access.WritePolicy.Action.CHANGE_RULES);
        RuleBook.Candidate candidate = rules.check(bytes(file));
        LocalDate from = effectiveFrom == null || effectiveFrom.isBlank() ? time.today()
                : day("effectiveFrom", effectiveFrom);
        String text = note == null || note.isBlank() ? null : note.strip();
        if (text != null && text.length() > 500) {
            throw new BadRequestException("note", "说明不超过500字。");
        }
        RuleBook.Version v = rules.install(candidate, from, me, text);
        return ResponseEntity.created(URI.create("/api/rules/" + v.key() + "/" + v.version())).body(v);
    }

    /** What a candidate table would change in a period, per unit; nothing is stored. */
    @PostMapping(path = "/api/rules/preview", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseBody
    Map<String, Object> preview(@AuthenticationPrincipal Person me,
                                @RequestPart(name = "file", required = false) MultipartFile file,
                                @RequestParam(required = false) String period) throws IOException {
        requireRuleTrier(me);
        RuleBook.Candidate candidate = rules.check(bytes(file));
        Period p = period(period);
        return Map.of("table", candidate.table().key(), "tableLabel", candidate.table().label(), "period", p,
                "units", preview.preview(candidate, p));
    }

    private static byte[] bytes(MultipartFile file) throws IOException {
        if (file == null || file.isEmpty()) {
            throw new BadRequestException("file", "请选择规则表文件（.dmn）。");
        }
        if (file.getSize() > 1024 * 1024) {
            throw new BadRequestException("file", "规则表文件不超过 1 MB。");
        }
        return file.getBytes();
    }

    private static void requireRuleReader(Person me) {
        if (!Assessment.office(me)) {
            throw new ForbiddenException("计分规则由协调办公室管理。");
        }
    }

    private Period period(String code) {
        return Period.parse(code, time.today());
    }

    private static LocalDate day(String field, String value) {
        return Inputs.day(field, value);
    }

    private static ResponseEntity<byte[]> file(byte[] content, String name, String type) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(type))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(name, StandardCharsets.UTF_8).build().toString())
                .body(content);
    }
}
