package cn.jianbao.intake;

import cn.jianbao.directory.Person;
import cn.jianbao.intake.extraction.DocumentExtractor;
import cn.jianbao.intake.extraction.ExtractedDocument;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * The one way in for every write to a submission, whether it comes from our API, from a
 * Tasklist form (through the process listeners) or from the process itself. Validation,
 * extraction and storage happen here, inside the engine's transaction, so a refused
 * submission leaves nothing behind and a stored one always has its process.
 */
@Service
public class SubmissionService {

    public static final String PROCESS_KEY = "submission";
    /** Set (transient) when our API already applied a revision before completing the task. */
    public static final String REVISION_APPLIED = "revisionApplied";

    private final SubmissionRepository repository;
    private final DocumentExtractor extractor;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final SubmissionRules rules;

    SubmissionService(SubmissionRepository repository, DocumentExtractor extractor, RuntimeService runtime,
                      TaskService tasks, SubmissionRules rules) {
        this.repository = repository;
        this.extractor = extractor;
        this.runtime = runtime;
        this.tasks = tasks;
        this.rules = rules;
    }

    public record Created(Submission submission, boolean isNew) {
    }

    /** Stores a new item and starts its process; with a client key, a repeated call returns the first. */
    @Transactional
    public Created submit(Person liaison, SubmissionDraft draft, String clientKey) {
        SubmissionAccess.requireLiaison(liaison);
        if (clientKey != null) {
            Optional<Submission> earlier = repository.findByClientKey(liaison.userId(), clientKey);
            if (earlier.isPresent()) {
                return new Created(earlier.get(), false);
            }
        }
        UUID id = UUID.randomUUID();
        Submission stored = store(id, liaison, draft, clientKey);
        ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS_KEY, id.toString(),
                processVariables(stored));
        repository.setProcessInstance(id, instance.getId());
        return new Created(require(id), true);
    }

    /**
     * For a process started elsewhere (Tasklist's start form): stores the item the form
     * described. Returns the variables the process keeps; the caller sets the business key.
     */
    @Transactional
    public Map<String, Object> registerStarted(UUID id, Person liaison, SubmissionDraft draft, String processInstanceId) {
        SubmissionAccess.requireLiaison(liaison);
        Submission stored = store(id, liaison, draft, null);
        repository.setProcessInstance(id, processInstanceId);
        return processVariables(stored);
    }

    /** Our API's revision: applies the new content, then completes the liaison's revise task. */
    @Transactional
    public Submission revise(Person liaison, UUID id, SubmissionDraft draft) {
        Submission submission = readable(liaison, id);
        if (!submission.liaisonId().equals(liaison.userId())) {
            throw new AccessDeniedException("只有报送该信息的联络员可以修改。");
        }
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(id.toString())
                .taskDefinitionKey("revise").singleResult();
        if (task == null) {
            throw new ConflictException("该信息当前不在“退回修改”环节，不能修改。");
        }
        applyRevision(id, liaison.userId(), draft);
        tasks.complete(task.getId(), Variables.createVariables()
                .putValueTyped(REVISION_APPLIED, Variables.booleanValue(true, true)));
        return require(id);
    }

    /** New text and/or replaced documents for a returned item. */
    @Transactional
    public void applyRevision(UUID id, String actor, SubmissionDraft revision) {
        Submission current = repository.lock(id).orElseThrow(() -> new NotFoundException("信息不存在。"));
        boolean newText = StringUtils.hasText(revision.text());
        if (!newText && revision.files().isEmpty()) {
            throw new SubmissionRejectedException("text", "请修改正文或上传新的文件后再重新报送。");
        }
        List<ExtractedDocument> extracted = extractAll(revision.files());
        String body = newText ? revision.text().strip()
                : extracted.isEmpty() ? current.body() : extracted.get(0).text();
        checkBody(current.kind(), body);
        int nextRevision = current.revision() + 1;
        if (!extracted.isEmpty()) {
            repository.supersedeDocuments(id);
            storeDocuments(id, extracted, revision.files(), nextRevision, actor);
        }
        repository.revise(id, body, nextRevision);
    }

    // --- the process reports its progress here (listeners and service tasks of submission.bpmn) ---

    @Transactional
    public void enteredStep(UUID id, SubmissionStatus status) {
        repository.setStatus(id, status);
    }

    @Transactional
    public void recordStep(UUID id, Step step) {
        repository.insertStep(id, step);
    }

    /** Adopted (awaiting publication), rejected, not adopted or published: the outcome fields. */
    @Transactional
    public void conclude(UUID id, SubmissionStatus status, String adoption, Integer points, String reason) {
        repository.setOutcome(id, status, adoption, points, reason);
    }

    // --- reading, always on behalf of someone ---

    public Submission readable(Person person, UUID id) {
        return repository.find(id).filter(s -> SubmissionAccess.canRead(person, s))
                .orElseThrow(() -> new NotFoundException("信息不存在，或您无权查看。"));
    }

    public List<Submission> list(Person person, String unitCode, SubmissionStatus status) {
        String unit = unitCode;
        if (!SubmissionAccess.seesAllUnits(person)) {
            if (unitCode != null && !unitCode.equals(person.unitCode())) {
                return List.of();
            }
            unit = person.unitCode();
        }
        return repository.list(unit, status, 500);
    }

    public List<StoredDocument> documents(Person person, UUID id) {
        readable(person, id);
        return repository.documents(id);
    }

    public List<Step> steps(Person person, UUID id) {
        readable(person, id);
        return repository.steps(id);
    }

    public record DocumentContent(StoredDocument document, byte[] content) {
    }

    public DocumentContent documentContent(Person person, UUID id, UUID documentId) {
        readable(person, id);
        StoredDocument doc = repository.documents(id).stream().filter(d -> d.id().equals(documentId)).findFirst()
                .orElseThrow(() -> new NotFoundException("文件不存在。"));
        byte[] bytes = repository.documentContent(id, documentId).orElseThrow(() -> new NotFoundException("文件不存在。"));
        return new DocumentContent(doc, bytes);
    }

    /** For the process and its listeners, which act for no one in particular. */
    public Submission require(UUID id) {
        return repository.find(id).orElseThrow(() -> new NotFoundException("信息不存在。"));
    }

    public Optional<Submission> findByClientKey(Person liaison, String clientKey) {
        return repository.findByClientKey(liaison.userId(), clientKey);
    }

    // --- internals ---

    private Submission store(UUID id, Person liaison, SubmissionDraft draft, String clientKey) {
        String title = required("title", draft.title(), "请填写标题。").strip();
        if (title.length() > 200) {
            throw new SubmissionRejectedException("title", "标题不能超过200字。");
        }
        SubmissionKind kind = parse("kind", draft.kind(), SubmissionKind.class,
                "请选择信息类别：动态信息、调研信息、案件信息、专报素材或宣传报道线索。");
        Classification classification = parse("classification", draft.classification(), Classification.class,
                "请选择密级范围：公开、内部或限定范围。");
        String explanation = StringUtils.hasText(draft.explanation()) ? draft.explanation().strip() : null;
        if (kind == SubmissionKind.NEWS_LEAD && explanation == null) {
            throw new SubmissionRejectedException("explanation", "宣传报道线索须附简要情况说明。");
        }
        String author = StringUtils.hasText(draft.author()) ? draft.author().strip() : liaison.displayName();
        if (author.length() > 100) {
            throw new SubmissionRejectedException("author", "署名作者不能超过100字。");
        }
        if (draft.files().size() > rules.maxFiles()) {
            throw new SubmissionRejectedException("file", "一次最多上传" + rules.maxFiles() + "个文件。");
        }
        List<ExtractedDocument> extracted = extractAll(draft.files());
        String body = StringUtils.hasText(draft.text()) ? draft.text().strip()
                : extracted.isEmpty() ? null : extracted.get(0).text();
        if (body == null) {
            throw new SubmissionRejectedException("text", "请填写正文，或上传信息文件。");
        }
        checkBody(kind, body);

        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Submission submission = new Submission(id, liaison.unit(), liaison.userId(), author, title, kind,
                classification, body, explanation, draft.eventTime(), SubmissionStatus.LEADER_APPROVAL, null, null,
                null, null, 1, now, now);
        repository.insert(submission, clientKey);
        storeDocuments(id, extracted, draft.files(), 1, liaison.userId());
        repository.insertStep(id, new Step("submit", null, liaison.userId(), "submitted", null, now, now));
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
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
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
        if (!StringUtils.hasText(value)) {
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
        return vars;
    }
}
