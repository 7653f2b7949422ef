package cn.jianbao.intake;

import cn.jianbao.web.ApiException;
import cn.jianbao.web.Problems;
import cn.jianbao.web.OfficeTime;
import cn.jianbao.directory.Directory;
import cn.jianbao.directory.Person;
import cn.jianbao.web.Paging;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Submissions over HTTP: what a liaison sends, what anyone entitled may read. */
@io.swagger.v3.oas.annotations.tags.Tag(name = "信息报送")
@RestController
@RequestMapping("/api/submissions")
class SubmissionController {

    private final SubmissionService submissions;
    private final Directory directory;
    private final ObjectMapper json;
    private final OfficeTime time;

    SubmissionController(SubmissionService submissions, Directory directory, ObjectMapper json, OfficeTime time) {
        this.submissions = submissions;
        this.directory = directory;
        this.json = json;
        this.time = time;
    }

    /** The meta part as a client writes it; JSON, whatever content type the part was given. */
    record Meta(String title, String kind, String classification, String author, String text, String explanation,
                OffsetDateTime eventTime, String urgency, UUID commissionId, String note) {
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "报送一条信息（信息员；multipart：meta 为 JSON，files 为附件），返回报送编号")
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Map<String, Object>> submit(@AuthenticationPrincipal Person me,
                                               @RequestPart(name = "meta", required = false) String meta,
                                               @RequestPart(name = "file", required = false) List<MultipartFile> files,
                                               @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        SubmissionDraft draft = draft(parse(meta), files);
        SubmissionService.Created created;
        try {
            created = submissions.submit(me, draft, key);
        } catch (DuplicateKeyException raced) {
            // the same Idempotency-Key arrived twice at once: the other request stored it
            created = new SubmissionService.Created(submissions.findByClientKey(me, key).orElseThrow(), false);
        }
        Submission s = created.submission();
        Map<String, Object> body = Map.of("id", s.id(), "processInstanceId", s.processInstanceId(),
                "status", s.status().code());
        return created.isNew()
                ? ResponseEntity.created(URI.create("/api/submissions/" + s.id())).body(body)
                : ResponseEntity.ok(body);
    }

    /**
     * A revision. By the office's editor or signer (改稿: a new title and/or text or documents, with a
     * {@code note} why) while the item is in review or waits to be published; by the unit's liaison, a
     * returned item's new text and/or files, then back to the leader.
     */
    @io.swagger.v3.oas.annotations.Operation(summary = "修改信息：退回后由信息员修改重报，或审核、编排中由办公室改稿（留有修改记录）")
    @PutMapping(path = "/{id}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    SubmissionView revise(@AuthenticationPrincipal Person me, @PathVariable UUID id,
                          @RequestPart(name = "meta", required = false) String meta,
                          @RequestPart(name = "file", required = false) List<MultipartFile> files) {
        Meta m = parse(meta);
        if (cn.jianbao.access.WritePolicy.allows(me, cn.jianbao.access.WritePolicy.Action.EDIT_AS_OFFICE)) {
            submissions.editByOffice(me, id, draft(m, files), m.note());
        } else {
            submissions.revise(me, id, draft(m, files));
        }
        return get(me, id);
    }

    /** Every revision of the item's words: who (by name and unit), when, why, and what changed from the one before. */
    @io.swagger.v3.oas.annotations.Operation(summary = "修改记录：每次改稿的修改人、时间和正文差异")
    @GetMapping("/{id}/revisions")
    List<Map<String, Object>> revisions(@AuthenticationPrincipal Person me, @PathVariable UUID id) {
        List<Revision> all = submissions.revisions(me, id);
        List<Map<String, Object>> out = new ArrayList<>();
        Revision before = null;
        for (Revision r : all) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("revision", r.revision());
            m.put("byOffice", r.byOffice());
            m.put("by", directory.displayName(r.actor()));
            m.put("byUnit", directory.person(r.actor()).map(p -> p.unit().name()).orElse(null));
            m.put("at", r.at());
            m.put("note", r.note());
            m.put("title", r.title());
            if (before != null) {
                m.put("titleChanged", !before.title().equals(r.title()));
                m.put("titleDiff", TextDiff.of(before.title(), r.title()));
                m.put("textDiff", TextDiff.of(before.body(), r.body()));
            }
            out.add(m);
            before = r;
        }
        return out;
    }

    /** The item; its approval record (decisions, reasons, liaison) only for those who may read that too. */
    @io.swagger.v3.oas.annotations.Operation(summary = "一条信息：正文、附件、审批经过（仅可见范围内）")
    @GetMapping("/{id}")
    SubmissionView get(@AuthenticationPrincipal Person me, @PathVariable UUID id) {
        Submission s = submissions.readable(me, id);
        boolean record = submissions.canReadRecord(me, s);
        return SubmissionView.of(s, submissions.documents(me, id), record ? submissions.steps(me, id) : null,
                directory::displayName);
    }

    /**
     * What the caller may read (the read policy), newest first, optionally by unit, status, words of
     * the title and submission date; the total in X-Total-Count.
     */
    @io.swagger.v3.oas.annotations.Operation(summary = "可见范围内的信息列表（按状态、单位、报送编号或标题筛选）")
    @GetMapping
    ResponseEntity<List<SubmissionView.Summary>> list(@AuthenticationPrincipal Person me,
                                                      @RequestParam(required = false) String status,
                                                      @RequestParam(required = false) String unit,
                                                      @RequestParam(required = false) String q,
                                                      @RequestParam(required = false) String from,
                                                      @RequestParam(required = false) String to,
                                                      @RequestParam(required = false) Integer page,
                                                      @RequestParam(required = false) Integer size) {
        Paging paging = Paging.of(page, size, 50);
        SubmissionStatus wanted = null;
        if (status != null && !status.isBlank()) {
            try {
                wanted = SubmissionStatus.of(status.strip());
            } catch (IllegalArgumentException e) {
                throw new SubmissionRejectedException("status", "未知的状态：" + status);
            }
        }
        String title = q == null || q.isBlank() ? null : q.strip();
        if (title != null && title.length() > 100) {
            throw new SubmissionRejectedException("q", "查找的标题文字不超过100字。");
        }
        SubmissionService.Page result = submissions.list(me, new SubmissionService.Listing(
                unit == null || unit.isBlank() ? null : unit.strip(), wanted, title, time.startOfDay("from", from, 0),
                time.startOfDay("to", to, 1)), paging.offset(), paging.size());
        return ResponseEntity.ok().header("X-Total-Count", Long.toString(result.total()))
                .body(result.items().stream().map(s -> SubmissionView.Summary.of(s,
                        result.returnReasons().get(s.id()))).toList());
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "下载信息的附件")
    @GetMapping("/{id}/documents/{documentId}")
    ResponseEntity<byte[]> document(@AuthenticationPrincipal Person me, @PathVariable UUID id,
                                    @PathVariable UUID documentId) {
        SubmissionService.DocumentContent doc = submissions.documentContent(me, id, documentId);
        // always an attachment: an uploaded HTML file must never render in our origin
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(doc.document().fileName(), StandardCharsets.UTF_8).build().toString())
                .contentType(MediaType.parseMediaType(doc.document().mediaType()))
                .body(doc.content());
    }

    private SubmissionDraft draft(Meta m, List<MultipartFile> files) {
        List<SubmissionDraft.Upload> uploads = new ArrayList<>();
        for (MultipartFile f : files == null ? List.<MultipartFile>of() : files) {
            try {
                uploads.add(new SubmissionDraft.Upload(f.getOriginalFilename(), f.getBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new SubmissionDraft(m.title(), m.kind(), m.classification(), m.author(), m.text(), m.explanation(),
                m.eventTime(), uploads, m.urgency(), m.commissionId());
    }

    private Meta parse(String meta) {
        if (meta == null || meta.isBlank()) {
            throw new SubmissionRejectedException("meta", "缺少 meta 部分（JSON：title、kind、classification 等）。");
        }
        Meta m;
        try {
            m = json.readValue(meta, Meta.class);
        } catch (JsonProcessingException e) {
            // a field our JSON rules refused (a control character, a number for a text) says which
            Problems.cause(e, ApiException.class).ifPresent(refused -> {
                throw refused;
            });
            throw new SubmissionRejectedException("meta", "meta 不是有效的 JSON，或字段格式不正确（事件时间应为 ISO 8601，如 2026-11-23T09:30:00+08:00）。");
        }
        return m;
    }
}
