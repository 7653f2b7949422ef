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

    @PostMapping("/api/issues")
    @ResponseBody
    ResponseEntity<Map<String, Object>> create(@AuthenticationPrincipal Person me, @RequestBody IssueDraft draft) {
        Issue issue = issues.create(me, draft);
        return ResponseEntity.created(URI.create("/api/issues/" + issue.id()))
                .body(Map.of("id", issue.id(), "processInstanceId", issue.processInstanceId()));
    }

    /** Composing is done: the issue goes to the signer (the compile step completes as the editor). */
    @PostMapping("/api/issues/{id}/sign-off")
    @ResponseBody
    IssueView toSignOff(@AuthenticationPrincipal Person me, @PathVariable UUID id) {
        issues.sendToSignOff(me, id);
        return view(issues.readable(me, id));
    }

    /** Items already in an issue being composed or signed: /issues/new does not offer them again. */
    @GetMapping("/api/issues/placed")
    @ResponseBody
    List<Map<String, Object>> placed(@AuthenticationPrincipal Person me) {
        return issues.placedInDrafts(me).entrySet().stream()
                .map(e -> Map.<String, Object>of("submissionId", e.getKey(), "issueTitle", e.getValue())).toList();
    }

    @PutMapping("/api/issues/{id}")
    @ResponseBody
    IssueView update(@AuthenticationPrincipal Person me, @PathVariable UUID id, @RequestBody IssueDraft draft) {
        return view(issues.update(me, id, draft));
    }

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
    @GetMapping("/api/issues/{id}/document")
    @ResponseBody
    ResponseEntity<byte[]> document(@AuthenticationPrincipal Person me, @PathVariable UUID id,
                                    @RequestParam(name = "format", required = false) String format) {
        DocumentFormat wanted = DocumentFormat.of(format == null ? "pdf" : format).orElseThrow(() ->
                new BadRequestException("format", "文件格式应为 docx、pdf 或 ofd。"));
        Issue issue = issues.readable(me, id);
        if (!issue.published()) {
            throw new ConflictException("简报尚未签发，还没有印制文件。");
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
        if (!me.is(cn.jianbao.directory.Role.EDITOR) && !me.is(cn.jianbao.directory.Role.ADMIN)) {
            response.sendError(403);
            return null;
        }
        return "forward:/compose.html";
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
                    s.classification().code(), s.body());
        }).toList();
        Map<String, List<Map<String, String>>> distribution = new LinkedHashMap<>();
        distribution.put("report", names(i.distribution().outside().report(), i.distribution().report()));
        distribution.put("send", names(i.distribution().outside().send(), i.distribution().send()));
        distribution.put("issue", names(i.distribution().outside().issue(), i.distribution().issue()));
        String office = directory.units().stream().filter(u -> u.kind() == cn.jianbao.directory.UnitKind.OFFICE)
                .map(cn.jianbao.directory.UnitDetails::name).findFirst().orElse(null);
        return new IssueView(i.id(), i.series().code(), i.series().label(), i.title(), i.comprehensive(), i.status(),
                i.published() ? "已刊发" : "编排中", i.year(), i.number(),
                i.number() == null ? null : IssueView.numberLabel(i), i.printRun(), distribution, office, i.createdBy(),
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
                     Map<String, List<Map<String, String>>> distribution, String officeName, String createdBy,
                     String createdByName, OffsetDateTime createdAt, String signedBy, String signedByName,
                     OffsetDateTime publishedAt, String processInstanceId, List<ItemView> items,
                     List<Map<String, Object>> documents) {

        static String numberLabel(Issue i) {
            return i.year() + "年第" + i.number() + "期";
        }

        record ItemView(UUID submissionId, int position, String headline, String title, Map<String, String> unit,
                        String author, String kindLabel, String classification, String text) {
        }
    }
}
