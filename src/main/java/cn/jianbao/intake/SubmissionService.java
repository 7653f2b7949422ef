package cn.jianbao.intake;

import cn.jianbao.web.Inputs;
import cn.jianbao.access.Classification;
import cn.jianbao.access.ReadPolicy;
import cn.jianbao.directory.ActingAs;
import cn.jianbao.directory.Person;
import cn.jianbao.intake.extraction.DocumentExtractor;
import cn.jianbao.intake.extraction.ExtractedDocument;
import cn.jianbao.process.Decision;
import cn.jianbao.process.Processes;
import cn.jianbao.process.TaskKey;
import cn.jianbao.web.ConflictException;
import cn.jianbao.web.NotFoundException;
import cn.jianbao.web.OfficeTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import cn.jianbao.notification.Notice;
import cn.jianbao.notification.Notifications;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one way in for every write to a submission, whether it comes from our API, from a
 * Tasklist form (through the process listeners) or from the process itself. Validation,
 * extraction and storage happen here, inside the engine's transaction, so a refused
 * submission leaves nothing behind and a stored one always has its process. Every read asks
 * {@link ReadPolicy} with the item's stored reader tokens.
 */
@Service
public class SubmissionService {

    static final int MAX_CLIENT_KEY = 100;
    private static final String NOT_FOUND = "信息不存在，或您无权查看。";

    private final SubmissionRepository repository;
    private final DocumentExtractor extractor;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final SubmissionRules rules;
    private final ActingAs acting;
    private final ApplicationEventPublisher events;
    private final Notifications notifications;
    private final OfficeTime officeTime;
    private final java.time.Clock clock;

    SubmissionService(SubmissionRepository repository, DocumentExtractor extractor, RuntimeService runtime,
                      TaskService tasks, SubmissionRules rules, ActingAs acting, ApplicationEventPublisher events,
                      Notifications notifications, OfficeTime officeTime, java.time.Clock clock) {
        this.events = events;
        this.notifications = notifications;
        this.repository = repository;
        this.extractor = extractor;
        this.runtime = runtime;
        this.tasks = tasks;
        this.rules = rules;
        this.acting = acting;
        this.officeTime = officeTime;
        this.clock = clock;
    }

    public record Created(Submission submission, boolean isNew) {
    }

    /**
     * Stores a new item and starts its process, whose start listener binds the two; with a
     * client key, a repeated call returns the first.
     */
    @Transactional
    public Created submit(Person liaison, SubmissionDraft draft, String clientKey) {
        requireLiaison(liaison);
        if (clientKey != null) {
            if (clientKey.isBlank() || clientKey.length() > MAX_CLIENT_KEY) {
                throw new SubmissionRejectedException("Idempotency-Key",
                        "Idempotency-Key 应为 1 到 " + MAX_CLIENT_KEY + " 个字符。");
            }
            Optional<Submission> earlier = repository.findByClientKey(liaison.userId(), clientKey);
            if (earlier.isPresent()) {
                return new Created(earlier.get(), false);
            }
        }
        UUID id = UUID.randomUUID();
        Submission stored = store(id, liaison, draft, clientKey);
        runtime.startProcessInstanceByKey(Processes.SUBMISSION, id.toString(), processVariables(stored));
        return new Created(require(id), true);
    }

    /** The item a process started with: stored and not yet bound to any other instance. */
    @Transactional
    public void bind(UUID id, String processInstanceId) {
        if (!repository.bindProcessInstance(id, processInstanceId)) {
            throw new ConflictException("该信息已有审批流程，不能再次启动。");
        }
    }

    /**
     * For a process started from Tasklist's start form: stores the item the form described, for
     * the signed-in liaison, and binds it to the process. Returns the new id and the variables
     * the process keeps.
     */
    @Transactional
    public Started registerStarted(Person liaison, SubmissionDraft draft, String processInstanceId) {
        requireLiaison(liaison);
        UUID id = UUID.randomUUID();
        Submission stored = store(id, liaison, draft, null);
        bind(id, processInstanceId);
        return new Started(id, processVariables(stored));
    }

    public record Started(UUID id, Map<String, Object> variables) {
    }

    /** Our API's revision: applies the new content, then completes the unit's revise task as the liaison. */
    @Transactional
    public Submission revise(Person liaison, UUID id, SubmissionDraft draft) {
        Submission submission = readable(liaison, id);
        cn.jianbao.access.WritePolicy.require(liaison, cn.jianbao.access.WritePolicy.Action.REVISE_RETURNED);
        if (!liaison.unitCode().equals(submission.unit().code())) {
            throw new cn.jianbao.access.WritePolicy.Refused(cn.jianbao.access.WritePolicy.Action.REVISE_RETURNED); // another unit's liaison
        }
        Task task = tasks.createTaskQuery().processInstanceId(submission.processInstanceId())
                .taskDefinitionKey(TaskKey.REVISE.id()).singleResult();
        if (task == null) {
            throw new ConflictException("该信息当前不在“退回修改”环节，不能修改。");
        }
        applyRevision(id, liaison.userId(), draft);
        acting.run(liaison.userId(), () -> tasks.complete(task.getId()));
        return require(id);
    }

    /** New text and/or replaced documents for a returned item. */
    @Transactional
    public void applyRevision(UUID id, String actor, SubmissionDraft revision) {
        Submission current = repository.lock(id).orElseThrow(() -> new NotFoundException(NOT_FOUND));
        boolean newText = Inputs.hasText(revision.text());
        if (!newText && revision.files().isEmpty()) {
            throw new SubmissionRejectedException("text", "请修改正文或上传新的文件后再重新报送。");
        }
        List<ExtractedDocument> extracted = extractAll(revision.files());
        String body = newText ? Inputs.clean(revision.text())
                : extracted.isEmpty() ? current.body() : extracted.get(0).text();
        checkBody(current.kind(), body);
        int nextRevision = current.revision() + 1;
        if (!extracted.isEmpty()) {
            repository.supersedeDocuments(id);
            storeDocuments(id, extracted, revision.files(), nextRevision, actor);
        }
        repository.revise(id, body, nextRevision);
        repository.insertRevision(id, new Revision(nextRevision, current.title(), body, actor, false, null,
                OffsetDateTime.now(clock)));
        events.publishEvent(new SubmissionChanged(id));
    }

    /** Where the office may change an item's words: in review, at the adoption decision, and while it waits to be published. */
    private static final java.util.Set<SubmissionStatus> OFFICE_EDITABLE = java.util.EnumSet.of(
            SubmissionStatus.OFFICE_REVIEW, SubmissionStatus.ADOPTION_DECISION, SubmissionStatus.AWAITING_PUBLICATION);

    /**
     * 改稿: the office changes the title and text (or replaces the documents) without sending the item
     * back. A revision of the office's, with who, when and why, listed in the trail; the item stays the
     * unit's (its points and timeliness do not change). Refused once its issue has gone to sign-off.
     */
    @Transactional
    public Submission editByOffice(Person editor, UUID id, SubmissionDraft edit, String note) {
        cn.jianbao.access.WritePolicy.require(editor, cn.jianbao.access.WritePolicy.Action.EDIT_AS_OFFICE);
        Submission current = repository.lock(id).filter(s -> ReadPolicy.canRead(editor, s.readers()))
                .orElseThrow(() -> new NotFoundException(NOT_FOUND));
        if (!OFFICE_EDITABLE.contains(current.status())) {
            throw new ConflictException("该信息当前为“" + current.status().label()
                    + "”，办公室只能在审核、决定采用和等待刊发（编排）期间改稿。");
        }
        events.publishEvent(new SubmissionRevising(id));
        String title = Inputs.hasText(edit.title()) ? Inputs.clean(edit.title()) : current.title();
        if (title.length() > 200) {
            throw new SubmissionRejectedException("title", "标题不能超过200字。");
        }
        String reason = Inputs.hasText(note) ? Inputs.clean(note) : null;
        if (reason != null && reason.length() > 500) {
            throw new SubmissionRejectedException("note", "改稿说明不超过500字。");
        }
        if (edit.files().size() > rules.maxFiles()) {
            throw new SubmissionRejectedException("file", "一次最多上传" + rules.maxFiles() + "个文件。");
        }
        List<ExtractedDocument> extracted = extractAll(edit.files());
        String body = Inputs.hasText(edit.text()) ? Inputs.clean(edit.text())
                : extracted.isEmpty() ? current.body() : extracted.get(0).text();
        if (title.equals(current.title()) && body.equals(current.body()) && extracted.isEmpty()) {
            throw new SubmissionRejectedException("text", "标题和正文都没有改动。");
        }
        checkBody(current.kind(), body);
        int next = current.revision() + 1;
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (!extracted.isEmpty()) {
            repository.supersedeDocuments(id);
            storeDocuments(id, extracted, edit.files(), next, editor.userId());
        }
        repository.editByOffice(id, title, body, next);
        repository.insertRevision(id, new Revision(next, title, body, editor.userId(), true, reason, now));
        repository.insertStep(id, new Step(Processes.STEP_OFFICE_EDIT, null, editor.userId(), Decision.EDITED.code(),
                reason, now, now));
        if (!title.equals(current.title()) && current.processInstanceId() != null) {
            // Tasklist's cards and lists name the item by this variable
            runtime.setVariable(current.processInstanceId(), "title", title);
        }
        events.publishEvent(new SubmissionChanged(id));
        return require(id);
    }

    /** Every revision of the item's words, for those who may read its record (the unit, the office, auditors). */
    public List<Revision> revisions(Person person, UUID id) {
        readableRecord(person, id);
        return repository.revisions(id);
    }

    /** A resubmission must carry a revision made since the item was returned; nothing switches this off. */
    public void requireRevisedSinceReturn(UUID id) {
        Submission current = require(id);
        int returnedAt = repository.returnedRevision(id).orElse(0);
        if (current.revision() <= returnedAt) {
            throw new SubmissionRejectedException("text", "请修改正文或上传新的文件后再重新报送。");
        }
    }

    // --- the process reports its progress here (listeners and service tasks of submission.bpmn) ---

    @Transactional
    public void enteredStep(UUID id, SubmissionStatus status) {
        repository.setStatus(id, status);
        events.publishEvent(new SubmissionChanged(id));
        if (status == SubmissionStatus.REVISING) {
            // the liaisons are told by the revise step's own notice (tasks.TaskNotices), linking to it
            repository.setReturnedRevision(id);
        }
    }

    @Transactional
    public void recordStep(UUID id, Step step) {
        repository.insertStep(id, step);
    }

    /** The deadline the report deadline table gave a new item, and how late it came (null: no event time). */
    @Transactional
    public void recordTimeliness(UUID id, OffsetDateTime deadline, Long lateSeconds) {
        repository.setTimeliness(id, deadline, lateSeconds);
    }

    /** Adopted (awaiting publication), rejected or not adopted: the outcome fields. */
    @Transactional
    public void conclude(UUID id, SubmissionStatus status, String adoption, Integer points, String reason) {
        repository.setOutcome(id, status, adoption, points, reason);
        events.publishEvent(new SubmissionChanged(id));
    }

    /**
     * Published in an issue with this distribution: the publication step joins its record, and from
     * now on its classification decides who reads it.
     */
    @Transactional
    public void published(UUID id, ReadPolicy.Publication publication, Step step) {
        Submission s = require(id);
        repository.insertStep(id, step);
        repository.setOutcome(id, SubmissionStatus.PUBLISHED, s.adoption(), s.points(), null);
        repository.setReaders(id, ReadPolicy.readers(new ReadPolicy.Item(s.unit().code(), s.classification(),
                publication)));
        events.publishEvent(new SubmissionChanged(id));
    }

    // --- reading, always on behalf of someone ---

    public Submission readable(Person person, UUID id) {
        return repository.find(id).filter(s -> ReadPolicy.canRead(person, s.readers()))
                .orElseThrow(() -> new NotFoundException(NOT_FOUND));
    }

    /** The approval record (trail, decisions, reasons): the office and the item's unit, among its readers. */
    public Submission readableRecord(Person person, UUID id) {
        return repository.find(id).filter(s -> ReadPolicy.canReadRecord(person, s.unit().code(), s.readers()))
                .orElseThrow(() -> new NotFoundException(NOT_FOUND));
    }

    /** The item a typed 报送编号 names, if the person may read it (others are told it does not exist). */
    public Optional<Submission> findByNumber(Person person, String typed) {
        return SubmissionNumber.parse(typed, thisYear())
                .flatMap(n -> repository.findByNumber(ReadPolicy.tokens(person), n));
    }

    private int thisYear() {
        return java.time.LocalDate.now(clock.withZone(officeTime.zone())).getYear();
    }

    public boolean canReadRecord(Person person, Submission s) {
        return ReadPolicy.canReadRecord(person, s.unit().code(), s.readers());
    }

    public List<Submission> list(Person person, String unitCode, SubmissionStatus status, int offset, int limit) {
        return list(person, new Listing(unitCode, status, null, null, null), offset, limit).items();
    }

    /** What a list asks for (null: any), and a page of what the caller may read with the total. */
    public record Listing(String unitCode, SubmissionStatus status, String title, OffsetDateTime from,
                          OffsetDateTime to) {
    }

    public record Page(List<Submission> items, long total, Map<UUID, String> returnReasons) {
    }

    public Page list(Person person, Listing l, int offset, int limit) {
        var filter = new SubmissionRepository.Filter(l.unitCode(), l.status(), l.title(),
                SubmissionNumber.parse(l.title(), thisYear()).orElse(null), l.from(), l.to());
        List<String> tokens = ReadPolicy.tokens(person);
        List<Submission> items = repository.list(tokens, filter, offset, limit);
        // the reason a returned item came back is part of its record: shown to those who may read that
        List<UUID> returned = items.stream().filter(s -> s.status() == SubmissionStatus.REVISING)
                .filter(s -> canReadRecord(person, s)).map(Submission::id).toList();
        return new Page(items, repository.count(tokens, filter), repository.lastReturnReasons(returned));
    }

    public List<StoredDocument> documents(Person person, UUID id) {
        readable(person, id);
        return repository.documents(id);
    }

    public List<Step> steps(Person person, UUID id) {
        readableRecord(person, id);
        return repository.steps(id);
    }

    public record DocumentContent(StoredDocument document, byte[] content) {
    }

    public DocumentContent documentContent(Person person, UUID id, UUID documentId) {
        readable(person, id);
        StoredDocument doc = repository.documents(id).stream().filter(d -> d.id().equals(documentId)).findFirst()
                .orElseThrow(() -> new NotFoundException("文件不存在，或您无权查看。"));
        byte[] bytes = repository.documentContent(id, documentId)
                .orElseThrow(() -> new NotFoundException("文件不存在，或您无权查看。"));
        return new DocumentContent(doc, bytes);
    }

    /** For code that acts for no one in particular (the process, the office's compilation). */
    public Submission require(UUID id) {
        return repository.find(id).orElseThrow(() -> new NotFoundException(NOT_FOUND));
    }

    /**
     * The item a process instance carries: its business key names the item, and the item must be
     * bound to this very instance. Every delegate and listener of submission.bpmn goes through here
     * before it touches our tables, so no other instance can act on an item.
     */
    public Submission ofProcess(String businessKey, String processInstanceId) {
        UUID id;
        try {
            id = UUID.fromString(String.valueOf(businessKey));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException(NOT_FOUND);
        }
        return repository.find(id).filter(s -> processInstanceId != null && processInstanceId.equals(s.processInstanceId()))
                .orElseThrow(() -> new NotFoundException(NOT_FOUND));
    }

    public Optional<Submission> findByClientKey(Person liaison, String clientKey) {
        return repository.findByClientKey(liaison.userId(), clientKey);
    }

    /** Only a liaison submits, and always for their own unit. */
    static void requireLiaison(Person person) {
        cn.jianbao.access.WritePolicy.require(person, cn.jianbao.access.WritePolicy.Action.SUBMIT);
    }

    // --- internals ---

    private Submission store(UUID id, Person liaison, SubmissionDraft draft, String clientKey) {
        String title = Inputs.clean(required("title", draft.title(), "请填写标题。"));
        if (title.length() > 200) {
            throw new SubmissionRejectedException("title", "标题不能超过200字。");
        }
        SubmissionKind kind = parse("kind", draft.kind(), SubmissionKind.class,
                "请选择信息类别：动态信息、调研信息、案件信息、专报素材或宣传报道线索。");
        Classification classification = parse("classification", draft.classification(), Classification.class,
                "请选择密级范围：公开、内部或限定范围。");
        String explanation = Inputs.hasText(draft.explanation()) ? Inputs.clean(draft.explanation()) : null;
        if (kind == SubmissionKind.NEWS_LEAD && explanation == null) {
            throw new SubmissionRejectedException("explanation", "宣传报道线索须附简要情况说明。");
        }
        Urgency urgency = Inputs.hasText(draft.urgency()) ? Urgency.parse(draft.urgency()).orElseThrow(() ->
                new SubmissionRejectedException("urgency", "紧急程度应为：major（重大突发事件，1小时内报送）、"
                        + "decision（贯彻落实上级决策部署，1天内报送）或 routine（日常工作动态，1周内报送）。"))
                : Urgency.ROUTINE;
        OffsetDateTime received = OffsetDateTime.now(clock);
        // a few minutes' grace for a clock that runs a little fast; later than that is a typing error
        if (draft.eventTime() != null && draft.eventTime().isAfter(received.plusMinutes(5))) {
            throw new SubmissionRejectedException("eventTime", "事件发生时间不能晚于现在，请核对日期和时间。");
        }
        if (urgency == Urgency.MAJOR && draft.eventTime() == null) {
            throw new SubmissionRejectedException("eventTime", "重大突发事件须填写事件发生时间（用于核定是否在1小时内报送）。");
        }
        String author = Inputs.hasText(draft.author()) ? Inputs.clean(draft.author()) : liaison.displayName();
        if (author.length() > 100) {
            throw new SubmissionRejectedException("author", "署名作者不能超过100字。");
        }
        if (draft.files().size() > rules.maxFiles()) {
            throw new SubmissionRejectedException("file", "一次最多上传" + rules.maxFiles() + "个文件。");
        }
        List<ExtractedDocument> extracted = extractAll(draft.files());
        String body = Inputs.hasText(draft.text()) ? Inputs.clean(draft.text())
                : extracted.isEmpty() ? null : extracted.get(0).text();
        if (body == null) {
            throw new SubmissionRejectedException("text", "请填写正文，或上传信息文件。");
        }
        checkBody(kind, body);

        OffsetDateTime now = received;
        // taken last, after every check and the extraction: the counter's lock is held only for the writes
        SubmissionNumber number = repository.nextNumber(liaison.unitCode(), now.atZoneSameInstant(officeTime.zone()).getYear());
        Submission submission = new Submission(id, number.text(), liaison.unit(), liaison.userId(), author, title, kind,
                classification, body, explanation, draft.eventTime(), SubmissionStatus.LEADER_APPROVAL, null, null,
                null, null, 1, now, now,
                ReadPolicy.readers(new ReadPolicy.Item(liaison.unitCode(), classification, null)),
                new Timeliness(urgency, null, null), null);
        repository.insert(submission, number, clientKey);
        repository.insertRevision(id, new Revision(1, title, body, liaison.userId(), false, null, now));
        storeDocuments(id, extracted, draft.files(), 1, liaison.userId());
        repository.insertStep(id, new Step(Processes.STEP_SUBMIT, null, liaison.userId(), Decision.SUBMITTED.code(),
                null, now, now));
        // listeners check the commission it answers (a refusal rolls everything back) and record its deadline
        events.publishEvent(new SubmissionReceived(id, liaison.unitCode(), kind.code(), urgency, draft.eventTime(), now,
                draft.commissionId(), liaison.userId()));
        if (draft.commissionId() != null) {
            repository.setCommission(id, draft.commissionId());
        }
        return submission;
    }

    private List<ExtractedDocument> extractAll(List<SubmissionDraft.Upload> files) {
        List<ExtractedDocument> out = new ArrayList<>();
        for (SubmissionDraft.Upload file : files) {
            out.add(extractor.extract(file.fileName(), file.content()));
        }
        return out;
    }

    private void storeDocuments(UUID id, List<ExtractedDocument> extracted, List<SubmissionDraft.Upload> files,
                                int revision, String uploadedBy) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (int i = 0; i < extracted.size(); i++) {
            repository.insertDocument(id, extracted.get(i), files.get(i).content(), revision, i, uploadedBy, now);
        }
    }

    private void checkBody(SubmissionKind kind, String body) {
        long chars = SubmissionRules.countChars(body);
        if (chars == 0) {
            throw new SubmissionRejectedException("text", "正文为空，请填写正文或上传含文字的文件。");
        }
        if (chars > rules.maxBodyChars()) {
            throw new SubmissionRejectedException("text", "正文共" + chars + "字，超过" + rules.maxBodyChars()
                    + "字的上限（信息简报原则上不超过" + rules.maxBodyChars() + "字），请精简后再报送；典型案例等材料可作为附件上传。");
        }
    }

    private static String required(String field, String value, String message) {
        if (!Inputs.hasText(value)) {
            throw new SubmissionRejectedException(field, message);
        }
        return value;
    }

    private static <E extends Enum<E>> E parse(String field, String value, Class<E> type, String message) {
        required(field, value, message);
        try {
            return Enum.valueOf(type, value.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new SubmissionRejectedException(field, message);
        }
    }

    /** What gateways, task candidates and the Tasklist list columns need; the rest stays in our tables. */
    private static Map<String, Object> processVariables(Submission s) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("submissionId", s.id().toString());
        vars.put("unitCode", s.unit().code());
        vars.put("unitName", s.unit().name());
        vars.put("liaison", s.liaisonId());
        vars.put("title", s.title());
        vars.put("kind", s.kind().code());
        vars.put("kindLabel", s.kind().label());
        vars.put("classification", s.classification().code());
        vars.put("urgency", s.timeliness().urgency().code());
        return vars;
    }
}
