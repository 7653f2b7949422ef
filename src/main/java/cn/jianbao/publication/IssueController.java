package cn.jianbao.publication;

import cn.jianbao.directory.Directory;
import cn.jianbao.directory.Person;
import cn.jianbao.intake.Submission;
import cn.jianbao.intake.SubmissionService;
import cn.jianbao.publication.print.DocumentFormat;
import cn.jianbao.publication.print.IssueDocuments;
import cn.jianbao.web.BadRequestException;
import cn.jianbao.web.ConflictException;
import cn.jianbao.web.ServiceUnavailableException;
import cn.jianbao.publication.print.PrintedIssue;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** Briefing issues over HTTP, and the page that shows one. */
@io.swagger.v3.oas.annotations.tags.Tag(name = "简报编发")
@Controller
class IssueController {

    private final IssueService issues;
    private final SubmissionService submissions;
    private final Directory directory;
    private final IssueDocuments documents;

    IssueController(IssueService issues, SubmissionService submissions, Directory directory, IssueDocuments documents) {
        this.issues = issues;
        this.submissions = submissions;
        this.directory = directory;
        this.documents = documents;
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "创建一期简报草稿（编辑）；toSignOff 为 true 时同时送签发")
    @PostMapping("/api/issues")
    @ResponseBody
    ResponseEntity<Map<String, Object>> create(@AuthenticationPrincipal Person me, @RequestBody IssueDraft draft) {
        Issue issue = issues.create(me, draft);
        return ResponseEntity.created(URI.create("/api/issues/" + issue.id()))
                .body(Map.of("id", issue.id(), "processInstanceId", issue.processInstanceId()));
    }

    /** Composing is done: the issue goes to the signer (the compile step completes as the editor). */
    @io.swagger.v3.oas.annotations.Operation(summary = "编排完成，送签发人签发")
    @PostMapping("/api/issues/{id}/sign-off")
    @ResponseBody
    IssueView toSignOff(@AuthenticationPrincipal Person me, @PathVariable UUID id) {
        issues.sendToSignOff(me, id);
        return view(issues.readable(me, id));
    }

    /** Items already in an issue being composed or signed: /issues/new does not offer them again. */
    @io.swagger.v3.oas.annotations.Operation(summary = "已编入待签发简报的信息（编排时不再列出）")
    @GetMapping("/api/issues/placed")
    @ResponseBody
    List<Map<String, Object>> placed(@AuthenticationPrincipal Person me) {
        return issues.placedInDrafts(me).entrySet().stream()
                .map(e -> Map.<String, Object>of("submissionId", e.getKey(), "issueTitle", e.getValue())).toList();
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "修改编排中的简报草稿")
    @PutMapping("/api/issues/{id}")
    @ResponseBody
    IssueView update(@AuthenticationPrincipal Person me, @PathVariable UUID id, @RequestBody IssueDraft draft) {
        return view(issues.update(me, id, draft));
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "一期简报：各篇、报送发范围、编者按、印制文件")
    @GetMapping("/api/issues/{id}")
    @ResponseBody
    IssueView get(@AuthenticationPrincipal Person me, @PathVariable UUID id) {
        return view(issues.readable(me, id));
    }

    /**
     * A printed form of a published issue, for whoever may read the issue (the same 404 as for
     * one that does not exist otherwise): the stored file, with its SHA-256 in the ETag and in
     * {@code X-Content-SHA256}.
     */
    @io.swagger.v3.oas.annotations.Operation(summary = "下载印制文件：format 为 pdf、docx 或 ofd；copy 为份号（如 3、1-50、all，仅 PDF，办公室）")
    @GetMapping("/api/issues/{id}/document")
    @ResponseBody
    ResponseEntity<byte[]> document(@AuthenticationPrincipal Person me, @PathVariable UUID id,
                                    @RequestParam(name = "format", required = false) String format,
                                    @RequestParam(name = "copy", required = false) String copy) {
        DocumentFormat wanted = DocumentFormat.of(format == null ? "pdf" : format).orElseThrow(() ->
                new BadRequestException("format", "文件格式应为 docx、pdf 或 ofd。"));
        Issue issue = issues.readable(me, id);
        if (!issue.published()) {
            throw new ConflictException("简报尚未签发，还没有印制文件。");
        }
        if (copy != null) {
            return numberedCopies(me, issue, wanted, copy);
        }
        IssueDocuments.StoredDocument doc = documents.find(id, wanted).orElseGet(() -> {
            // published before this form could be made (no font then, or before the feature): make it once now
            documents.storeMissing(id, issues.printed(issue));
            return documents.find(id, wanted).orElseThrow(() -> new ServiceUnavailableException(
                    wanted == DocumentFormat.PDF && !documents.pdfAvailable()
                            ? "服务器未安装中文字体，暂时不能生成 PDF 版；请先下载 Word 或 OFD 版，并请管理员安装字体（见说明文档）。"
                            : "印制文件暂时无法生成，请稍后再试或联系管理员。"));
        });
        String name = issue.series().label() + IssueView.numberLabel(issue) + "." + wanted.code();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(wanted.mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(name, StandardCharsets.UTF_8).build().toString())
                .eTag("\"" + doc.sha256() + "\"")
                .header("X-Content-SHA256", doc.sha256())
                .cacheControl(CacheControl.noCache().cachePrivate())
                .body(doc.content());
    }

    /** At most this many numbered copies in one file (a print run of 100 000 would be a file of gigabytes). */
    private static final int COPIES_PER_FILE = 500;

    /**
     * Numbered copies for the office's printer: {@code copy=3}, {@code copy=1-50} or {@code copy=all}, PDF
     * only (Word and OFD are the editable and archival forms), each copy with its 份号 on the first page.
     */
    private ResponseEntity<byte[]> numberedCopies(Person me, Issue issue, DocumentFormat format, String copy) {
        cn.jianbao.access.WritePolicy.require(me, cn.jianbao.access.WritePolicy.Action.PRINT_NUMBERED_COPIES);
        PrintedIssue printed = issues.printed(issue);
        if (!printed.numberedCopies()) {
            throw new BadRequestException("copy", "本期简报未要求编印份号，请直接下载印制文件。");
        }
        if (format != DocumentFormat.PDF) {
            throw new BadRequestException("copy", "编号印制件只提供 PDF 版。");
        }
        if (!documents.pdfAvailable()) {
            throw new ServiceUnavailableException("服务器未安装中文字体，暂时不能生成 PDF 版；请联系管理员安装字体（见说明文档）。");
        }
        int from;
        int to;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,6})(?:-(\\d{1,6}))?").matcher(copy.strip());
        if (copy.strip().equals("all")) {
            from = 1;
            to = printed.printRun();
        } else if (m.matches()) {
            from = Integer.parseInt(m.group(1));
            to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
        } else {
            throw new BadRequestException("copy", "份号应为数字（如 3）、范围（如 1-50）或 all。");
        }
        if (from < 1 || to < from || to > printed.printRun()) {
            throw new BadRequestException("copy", "份号应在 1 到印数 " + printed.printRun() + " 之间。");
        }
        if (to - from + 1 > COPIES_PER_FILE) {
            throw new BadRequestException("copy", "一次最多下载" + COPIES_PER_FILE + "份，请分批下载（如 copy=1-" + COPIES_PER_FILE + "）。");
        }
        byte[] content = documents.numberedCopies(issue.id(), printed, from, to);
        String sha = IssueDocuments.sha256(content);
        String name = issue.series().label() + IssueView.numberLabel(issue) + "（第" + PrintedIssue.copyLabel(from)
                + (to > from ? "至" + PrintedIssue.copyLabel(to) : "") + "份）.pdf";
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(name, StandardCharsets.UTF_8).build().toString())
                .eTag("\"" + sha + "\"")
                .header("X-Content-SHA256", sha)
                .cacheControl(CacheControl.noCache().cachePrivate())
                .body(content);
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "可见范围内的各期简报")
    @GetMapping("/api/issues")
    @ResponseBody
    List<Map<String, Object>> list(@AuthenticationPrincipal Person me) {
        return issues.list(me).stream().map(i -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", i.id());
            m.put("series", i.series().code());
            m.put("seriesLabel", i.series().label());
            m.put("title", i.title());
            m.put("status", i.status());
            m.put("statusLabel", i.published() ? "已刊发" : "编排中");
            if (i.number() != null) {
                m.put("numberLabel", IssueView.numberLabel(i));
            }
            if (i.publishedAt() != null) {
                m.put("publishedAt", i.publishedAt());
            }
            m.put("itemCount", i.items().size());
            return m;
        }).toList();
    }

    /** The editor composes a new issue from adopted items (static page, the API above does the work). */
    @GetMapping("/issues/new")
    String compose(@AuthenticationPrincipal Person me, jakarta.servlet.http.HttpServletResponse response)
            throws java.io.IOException {
        if (!cn.jianbao.access.WritePolicy.allows(me, cn.jianbao.access.WritePolicy.Action.COMPOSE_ISSUE)) {
            response.sendError(403);
            return null;
        }
        return "forward:/compose.html";
    }

    /**
     * A draft composed further: the same page as /issues/new, filled from the draft. Tasklist's compile
     * step frames it (forms/compile-issue.html), the one page that may be framed, and only by us.
     */
    @GetMapping("/issues/{id}/compose")
    String composeDraft(@AuthenticationPrincipal Person me, @PathVariable UUID id,
                        jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        return compose(me, response);
    }

    /** The readable page of one issue (static page, content from the API above). */
    @GetMapping("/issues/{id}")
    String page(@PathVariable UUID id) {
        return "forward:/issue.html";
    }

    private IssueView view(Issue i) {
        List<IssueView.ItemView> items = i.items().stream().map(item -> {
            Submission s = submissions.require(item.submissionId());
            return new IssueView.ItemView(item.submissionId(), item.position(), item.headline(), s.title(),
                    Map.of("code", s.unit().code(), "name", s.unit().name()), s.author(), s.kind().label(),
                    s.classification().code(), s.body(), item.mergedInto());
        }).toList();
        Map<String, List<Map<String, String>>> distribution = new LinkedHashMap<>();
        distribution.put("report", names(i.distribution().outside().report(), i.distribution().report()));
        distribution.put("send", names(i.distribution().outside().send(), i.distribution().send()));
        distribution.put("issue", names(i.distribution().outside().issue(), i.distribution().issue()));
        String office = directory.units().stream().filter(u -> u.kind() == cn.jianbao.directory.UnitKind.OFFICE)
                .map(cn.jianbao.directory.UnitDetails::name).findFirst().orElse(null);
        return new IssueView(i.id(), i.series().code(), i.series().label(), i.title(), i.comprehensive(), i.status(),
                i.published() ? "已刊发" : "编排中", i.year(), i.number(),
                i.number() == null ? null : IssueView.numberLabel(i), i.printRun(), i.lead(), i.numberedCopies(),
                distribution, office, i.createdBy(),
                directory.displayName(i.createdBy()), i.createdAt(), i.signedBy(), directory.displayName(i.signedBy()),
                i.publishedAt(), i.processInstanceId(), items, i.published() ? documents.list(i.id()) : List.of());
    }

    /** Outside recipients first (by name, no code: they are not in the system), then units and people. */
    private List<Map<String, String>> names(List<String> outside, List<String> entries) {
        List<Map<String, String>> out = new ArrayList<>(outside.stream().map(n -> Map.of("name", n, "outside", "true"))
                .toList());
        entries.forEach(e -> out.add(Map.of("code", e, "name", directory.unit(e).map(u -> u.name())
                .orElseGet(() -> directory.displayName(e)))));
        return out;
    }

    record IssueView(UUID id, String series, String seriesLabel, String title, boolean comprehensive, String status,
                     String statusLabel, Integer year, Integer number, String numberLabel, int printRun,
                     String lead, boolean numberedCopies, Map<String, List<Map<String, String>>> distribution, String officeName, String createdBy,
                     String createdByName, OffsetDateTime createdAt, String signedBy, String signedByName,
                     OffsetDateTime publishedAt, String processInstanceId, List<ItemView> items,
                     List<Map<String, Object>> documents) {

        static String numberLabel(Issue i) {
            return i.year() + "年第" + i.number() + "期";
        }

        /** {@code mergedInto}: the item whose article this one joins (合报), or null. */
        record ItemView(UUID submissionId, int position, String headline, String title, Map<String, String> unit,
                        String author, String kindLabel, String classification, String text, UUID mergedInto) {
        }
    }
}
