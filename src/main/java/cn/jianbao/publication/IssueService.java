package cn.jianbao.publication;

import cn.jianbao.web.OfficeTime;
import cn.jianbao.access.ReadPolicy;
import cn.jianbao.directory.Directory;
import cn.jianbao.directory.Person;
import cn.jianbao.directory.Unit;
import cn.jianbao.directory.UnitDetails;
import cn.jianbao.directory.UnitKind;
import cn.jianbao.access.Classification;
import cn.jianbao.publication.print.PrintedIssue;
import cn.jianbao.intake.Step;
import cn.jianbao.intake.Submission;
import cn.jianbao.intake.SubmissionService;
import cn.jianbao.intake.SubmissionStatus;
import cn.jianbao.process.Decision;
import cn.jianbao.process.Processes;
import cn.jianbao.process.TaskKey;
import cn.jianbao.web.ConflictException;
import cn.jianbao.web.NotFoundException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/** Compiling, signing off and numbering briefing issues: the one way in for every write. */
@Service
public class IssueService {


    private final IssueRepository repository;
    private final SubmissionService submissions;
    private final Directory directory;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final ApplicationEventPublisher events;
    private final OfficeTime time;

    private final java.time.Clock clock;
    private final cn.jianbao.directory.ActingAs acting;
    /**
     * The printed snapshot's own mapper: it stores what was signed verbatim (tabs and all), which the
     * API's strict mapper, made for what users send, would refuse to read back.
     */
    private static final com.fasterxml.jackson.databind.ObjectMapper json = com.fasterxml.jackson.databind.json.JsonMapper
            .builder().addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    IssueService(IssueRepository repository, SubmissionService submissions, Directory directory,
                 RuntimeService runtime, TaskService tasks, ApplicationEventPublisher events, OfficeTime time,
                 java.time.Clock clock, cn.jianbao.directory.ActingAs acting) {
        this.clock = clock;
        this.acting = acting;
        this.time = time;
        this.repository = repository;
        this.submissions = submissions;
        this.directory = directory;
        this.runtime = runtime;
        this.tasks = tasks;
        this.events = events;
    }

    /** A new draft, and its publication process waiting at "编排简报". */
    @Transactional
    public Issue create(Person editor, IssueDraft draft) {
        requireEditor(editor);
        UUID id = UUID.randomUUID();
        Issue issue = validated(id, draft, editor.userId(), time.now());
        repository.insert(issue);
        // the start listener (registerIssue) binds the draft to the instance before any task is created
        runtime.startProcessInstanceByKey(Processes.ISSUE_PUBLICATION, id.toString(),
                Map.of("issueId", id.toString(), "title", issue.title(), "seriesLabel", issue.series().label()));
        if (Boolean.TRUE.equals(draft.toSignOff())) {
            // composed in one place: nothing to do again in Tasklist (a refusal there undoes the draft too)
            sendToSignOff(editor, id);
        }
        return repository.find(id).orElseThrow();
    }

    /** The editor is done composing: the compile step completes as the editor, and the signer is told. */
    @Transactional
    public void sendToSignOff(Person editor, UUID id) {
        requireEditor(editor);
        org.camunda.bpm.engine.task.Task task = tasks.createTaskQuery().processInstanceBusinessKey(id.toString())
                .taskDefinitionKey(TaskKey.COMPILE_ISSUE.id()).singleResult();
        if (task == null) {
            throw new ConflictException("该期简报不在编排环节，不能再送签发。");
        }
        acting.run(editor.userId(), () -> tasks.complete(task.getId()));
    }

    /** Edits the draft while it is being compiled (before it goes to sign-off). */
    @Transactional
    public Issue update(Person editor, UUID id, IssueDraft draft) {
        requireEditor(editor);
        Issue current = repository.lock(id).orElseThrow(() -> new NotFoundException("简报不存在。"));
        if (current.published() || tasks.createTaskQuery().processInstanceBusinessKey(id.toString())
                .taskDefinitionKey(TaskKey.COMPILE_ISSUE.id()).count() == 0) {
            throw new ConflictException("该期简报不在编排环节，不能修改。");
        }
        repository.update(validated(id, draft, current.createdBy(), current.createdAt()));
        return repository.find(id).orElseThrow();
    }

    /**
     * 改稿 is for what has not been signed: once an item's issue has gone to sign-off (or out), its
     * words stay as the signer saw them; the signer returns the issue to compiling to change them.
     */
    @org.springframework.context.event.EventListener
    void revising(cn.jianbao.intake.SubmissionRevising event) {
        repository.issueOf(event.submissionId()).flatMap(repository::find).ifPresent(issue -> {
            if (issue.published() || tasks.createTaskQuery().processInstanceBusinessKey(issue.id().toString())
                    .taskDefinitionKey(TaskKey.COMPILE_ISSUE.id()).count() == 0) {
                throw new ConflictException("该信息已编入简报《" + issue.title() + "》并已送签发或刊发，不能再改稿；"
                        + "如需修改，请签发人将简报退回编排。");
            }
        });
    }

    /** Before the draft leaves "编排简报": its items must still be publishable. */
    public void checkPublishable(UUID id) {
        Issue issue = repository.find(id).orElseThrow(() -> new NotFoundException("简报不存在。"));
        validated(id, toDraft(issue), issue.createdBy(), issue.createdAt());
    }

    /**
     * Sign-off approved: the issue takes the next number of its series and year, what was signed is
     * kept as it will be printed, and one {@link IssuePublished} is announced. Everything else a
     * publication means happens in its listeners, in this transaction: each item's submission process
     * completes as published (review's {@code PublishedItems}, whose "登记刊发" writes the item's
     * publication step and status), the inbox delivers, assessment scores the items; printing and the
     * search index follow the commit.
     */
    @Transactional
    public Issue publish(UUID id, String signer) {
        Issue issue = repository.lock(id).orElseThrow(() -> new NotFoundException("简报不存在。"));
        if (issue.published()) {
            return issue;
        }
        validated(id, toDraft(issue), issue.createdBy(), issue.createdAt());
        // the application's clock: the day of publication decides the issue's year and the rules that score it
        OffsetDateTime now = OffsetDateTime.now(clock);
        int year = now.atZoneSameInstant(time.zone()).getYear();
        int number = repository.nextNumber(issue.series(), year);
        repository.markPublished(id, year, number, signer, now);
        Issue published = repository.find(id).orElseThrow();
        // what was signed, as it will be printed: forms made later are made from this
        try {
            repository.storePrinted(id, json.writeValueAsString(compose(published)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // the printed forms are made right after the commit (IssuePrinting), not here: this transaction
        // holds the series' number row, and every other sign-off of the series would wait for the PDF
        events.publishEvent(new IssuePublished(id, published.items().stream().map(Issue.Item::submissionId).toList()));
        return published;
    }

    /** A published issue as printed: names, the office's date, the highest classification's mark. */
    public PrintedIssue printed(Issue issue) {
        if (!issue.published()) {
            throw new ConflictException("简报尚未签发，没有印制版本。");
        }
        return repository.printed(issue.id()).map(snapshot -> {
            try {
                return json.readValue(snapshot, PrintedIssue.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("issue " + issue.id() + ": unreadable printed snapshot", e);
            }
        }).orElseGet(() -> compose(issue));
    }

    /** The issue as printed from the data as it is now: names resolved, the office's date, the title once. */
    private PrintedIssue compose(Issue issue) {
        Classification highest = Classification.PUBLIC;
        List<PrintedIssue.Article> articles = new ArrayList<>();
        for (List<Issue.Item> article : issue.articles()) {
            String headline = null;
            List<String> units = new ArrayList<>();
            List<String> authors = new ArrayList<>();
            List<String> text = new ArrayList<>();
            for (Issue.Item item : article) {
                Submission s = submissions.require(item.submissionId());
                if (s.classification().ordinal() > highest.ordinal()) {
                    highest = s.classification();
                }
                if (headline == null) {
                    headline = StringUtils.hasText(item.headline()) ? item.headline() : s.title();
                }
                List<String> paragraphs = PrintedIssue.paragraphs(s.body());
                // a Word submission's text starts with its own title: printed under the headline it would stand twice
                if (!paragraphs.isEmpty() && (same(paragraphs.get(0), s.title()) || same(paragraphs.get(0), headline))) {
                    paragraphs = paragraphs.subList(1, paragraphs.size());
                }
                text.addAll(paragraphs);
                if (!units.contains(s.unit().name())) {
                    units.add(s.unit().name());
                }
                if (StringUtils.hasText(s.author())) {
                    authors.add(s.author().strip());
                }
            }
            // a merged piece names every unit it was made from; one unit's piece its author too
            articles.add(new PrintedIssue.Article(headline, String.join("、", units),
                    article.size() == 1 && !authors.isEmpty() ? authors.get(0) : null, text));
        }
        String office = directory.units().stream().filter(u -> u.kind() == UnitKind.OFFICE)
                .map(UnitDetails::name).findFirst().orElse("协调办公室");
        return new PrintedIssue(issue.series().label(), issue.year(), issue.number(), issue.title(), office,
                issue.publishedAt().atZoneSameInstant(time.zone()).toLocalDate(),
                highest == Classification.PUBLIC ? null : highest.label(), articles,
                names(issue.distribution().outside().report(), issue.distribution().report()),
                names(issue.distribution().outside().send(), issue.distribution().send()),
                names(issue.distribution().outside().issue(), issue.distribution().issue()), issue.printRun(),
                issue.lead(), issue.numberedCopies() || highest != Classification.PUBLIC);
    }

    /** The same words, whatever spaces and punctuation stand between them. */
    private static boolean same(String a, String b) {
        return a != null && b != null && squeeze(a).equals(squeeze(b)) && !squeeze(a).isEmpty();
    }

    private static String squeeze(String s) {
        return s.replaceAll("[\\s\\p{P}\\p{S}　]", "");
    }

    /** Units and people of a distribution list by name, as printed and shown. */
    List<String> names(List<String> entries) {
        return entries.stream().map(e -> directory.unit(e).map(Unit::name)
                .orElseGet(() -> directory.displayName(e))).toList();
    }

    /** A list as printed: the recipients outside the system (higher offices, usually) first, then ours. */
    private List<String> names(List<String> outside, List<String> entries) {
        List<String> out = new ArrayList<>(outside);
        out.addAll(names(entries));
        return out;
    }

    /**
     * Outside recipients are names people type: cleaned, not empty, at most 50 characters and 30 a list;
     * the distribution with them cleaned.
     */
    static Distribution outsideNamesChecked(Distribution d,
                                            java.util.function.BiFunction<String, String, ? extends RuntimeException> refuse) {
        List<List<String>> cleaned = new ArrayList<>();
        for (List<String> list : List.of(d.outside().report(), d.outside().send(), d.outside().issue())) {
            if (list.size() > 30) {
                throw refuse.apply("distribution", "每一栏的系统外单位不超过30个。");
            }
            List<String> names = new ArrayList<>();
            for (String n : list) {
                String name = n == null ? "" : cn.jianbao.web.Inputs.clean(cn.jianbao.web.Inputs.text("distribution", n));
                if (name.isBlank() || name.length() > 50) {
                    throw refuse.apply("distribution", "系统外单位的名称不能为空，且不超过50字。");
                }
                if (!names.contains(name)) {
                    names.add(name);
                }
            }
            cleaned.add(names);
        }
        return new Distribution(d.report(), d.send(), d.issue(),
                new Distribution.Outside(cleaned.get(0), cleaned.get(1), cleaned.get(2)));
    }

    @Transactional
    public void recordStep(UUID id, String step, String taskId, String actor, String decision, String comment,
                           OffsetDateTime startedAt) {
        repository.insertStep(id, step, taskId, actor, decision, comment, startedAt, time.now());
    }

    /** An item's place in a published issue: who may read it from now on, and the step its record gains. */
    public record ItemPublication(ReadPolicy.Publication readers, Step step) {
    }

    /**
     * The distribution of a published issue that carries this item, as the read policy takes it, and
     * the publication step ("刊发于…", by the signer, at the moment of publication); refused for any
     * other issue, so only a real publication can end an item's path as published.
     */
    public ItemPublication publicationOf(UUID issueId, UUID submissionId) {
        Issue issue = repository.find(issueId).filter(Issue::published)
                .filter(i -> i.items().stream().anyMatch(item -> item.submissionId().equals(submissionId)))
                .orElseThrow(() -> new NotFoundException("简报不存在，或未刊发该信息。"));
        List<String> units = new ArrayList<>();
        List<String> people = new ArrayList<>();
        for (String entry : issue.distribution().all()) {
            (directory.unit(entry).isPresent() ? units : people).add(entry);
        }
        String label = issue.series().label() + " " + issue.year() + "年第" + issue.number() + "期";
        Step step = new Step(Processes.STEP_PUBLICATION, null, issue.signedBy(), Decision.PUBLISHED.code(),
                "刊发于" + label + "：" + issue.title(), issue.publishedAt(), issue.publishedAt());
        return new ItemPublication(new ReadPolicy.Publication(units, people), step);
    }

    /** The draft a process was started for, bound to it once: a key bound already (or unknown) is refused. */
    @Transactional
    public void bind(String businessKey, String processInstanceId) {
        UUID id;
        try {
            id = UUID.fromString(String.valueOf(businessKey));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("简报不存在。");
        }
        if (!repository.setProcessInstance(id, processInstanceId)) {
            throw new ConflictException("该期简报已有刊发流程，不能再次启动。");
        }
    }

    /** The issue a process instance carries, and only if it is the instance bound to that issue. */
    public Issue ofProcess(String businessKey, String processInstanceId) {
        UUID id;
        try {
            id = UUID.fromString(String.valueOf(businessKey));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("简报不存在。");
        }
        return repository.find(id).filter(i -> processInstanceId != null && processInstanceId.equals(i.processInstanceId()))
                .orElseThrow(() -> new NotFoundException("简报不存在。"));
    }

    // --- reading ---

    public Issue readable(Person person, UUID id) {
        return repository.find(id).filter(i -> canRead(person, i))
                .orElseThrow(() -> new NotFoundException("简报不存在，或您无权查看。"));
    }

    /** The same rule as {@link #canRead}, applied in one query. */
    public List<Issue> list(Person person) {
        return repository.list(ReadPolicy.tokens(person), ReadPolicy.seesEverything(person), 200);
    }

    public List<IssueRepository.StepRow> steps(Person person, UUID id) {
        readable(person, id);
        return repository.steps(id);
    }

    public Optional<Issue> find(UUID id) {
        return repository.find(id);
    }

    /**
     * Drafts are the office's. A published issue is read by whoever may read every item in it (the
     * read policy, on each item's reader tokens), so the page never shows what the archive hides.
     */
    public boolean canRead(Person person, Issue issue) {
        if (!issue.published()) {
            return ReadPolicy.seesEverything(person);
        }
        return issue.items().stream().allMatch(i -> ReadPolicy.canRead(person,
                submissions.require(i.submissionId()).readers()));
    }

    // --- validation ---

    /** For composing: the items already in a draft issue (by id, with the issue's title). */
    public Map<UUID, String> placedInDrafts(Person editor) {
        requireEditor(editor);
        return repository.placedInDrafts();
    }

    private static void requireEditor(Person person) {
        cn.jianbao.access.WritePolicy.require(person, cn.jianbao.access.WritePolicy.Action.COMPOSE_ISSUE);
    }

    private IssueDraft toDraft(Issue issue) {
        Map<String, String> headlines = new LinkedHashMap<>();
        Map<String, String> merged = new LinkedHashMap<>();
        issue.items().forEach(i -> headlines.put(i.submissionId().toString(), i.headline()));
        issue.items().stream().filter(i -> i.mergedInto() != null)
                .forEach(i -> merged.put(i.submissionId().toString(), i.mergedInto().toString()));
        return new IssueDraft(issue.series().code(), issue.title(),
                issue.items().stream().map(i -> i.submissionId().toString()).toList(), headlines,
                issue.comprehensive(), issue.distribution(), issue.printRun(), null, issue.lead(), issue.numberedCopies(),
                merged);
    }

    private Issue validated(UUID id, IssueDraft draft, String createdBy, OffsetDateTime createdAt) {
        if (!StringUtils.hasText(draft.series())) {
            throw new IssueRejectedException("series", "请选择简报类别：briefing（简报）、special（专报）、circular（通报）或 flash（快报）。");
        }
        Series series;
        try {
            series = Series.of(draft.series().strip());
        } catch (IllegalArgumentException e) {
            throw new IssueRejectedException("series", "未知的简报类别“" + draft.series() + "”：应为 briefing、special、circular 或 flash。");
        }
        if (!StringUtils.hasText(draft.title()) || draft.title().strip().length() > 200) {
            throw new IssueRejectedException("title", "请填写简报标题（不超过200字）。");
        }
        List<String> ids = draft.submissionIds() == null ? List.of() : draft.submissionIds();
        if (ids.isEmpty()) {
            throw new IssueRejectedException("submissionIds", "请至少选择一条已采用、待刊发的信息。");
        }
        boolean comprehensive = Boolean.TRUE.equals(draft.comprehensive());
        Map<String, String> headlines = draft.headlines() == null ? Map.of() : draft.headlines();
        Set<UUID> seen = new HashSet<>();
        List<Issue.Item> items = new ArrayList<>();
        for (String raw : ids) {
            UUID sid = parseId(raw);
            if (!seen.add(sid)) {
                throw new IssueRejectedException("submissionIds", "同一条信息不能在一期中出现两次。");
            }
            Submission s;
            try {
                s = submissions.require(sid);
            } catch (NotFoundException e) {
                throw new IssueRejectedException("submissionIds", "信息 " + raw + " 不存在。");
            }
            if (s.status() != SubmissionStatus.AWAITING_PUBLICATION) {
                throw new IssueRejectedException("submissionIds", "“" + s.title() + "”当前为“" + s.status().label()
                        + "”，只有已采用、待刊发的信息可以编入简报。");
            }
            Optional<UUID> elsewhere = repository.issueOf(sid);
            if (elsewhere.isPresent() && !elsewhere.get().equals(id)) {
                throw new IssueRejectedException("submissionIds", "“" + s.title() + "”已编入另一期简报。");
            }
            if (Decision.STANDALONE.code().equals(s.adoption()) && (ids.size() > 1 || comprehensive)) {
                throw new IssueRejectedException("submissionIds", "“" + s.title() + "”为单独刊发，须单独成期（不作为综合简报）。");
            }
            if (Decision.COMPREHENSIVE.code().equals(s.adoption()) && !comprehensive) {
                throw new IssueRejectedException("comprehensive", "“" + s.title() + "”为综合采用，须编入综合简报（comprehensive 为 true）。");
            }
            String headline = headlines.getOrDefault(raw, s.title());
            if (!StringUtils.hasText(headline) || headline.length() > 200) {
                throw new IssueRejectedException("headlines", "标题不能为空且不超过200字。");
            }
            items.add(new Issue.Item(sid, items.size() + 1, headline.strip(), null));
        }
        items = merged(items, draft.mergedInto(), comprehensive);
        Distribution distribution = outsideNamesChecked(draft.distribution() == null ? Distribution.none()
                : draft.distribution(), IssueRejectedException::new);
        for (String entry : distribution.all()) {
            if (directory.unit(entry).isEmpty() && directory.person(entry).isEmpty()) {
                throw new IssueRejectedException("distribution", "发放范围中的“" + entry + "”既不是单位代码，也不是用户。");
            }
        }
        int printRun = draft.printRun() == null ? 100 : draft.printRun();
        if (printRun < 1 || printRun > 100_000) {
            throw new IssueRejectedException("printRun", "印数应在 1 到 100000 份之间。");
        }
        String lead = draft.lead() == null ? null : cn.jianbao.web.Inputs.clean(cn.jianbao.web.Inputs.text("lead", draft.lead()));
        if (lead != null && lead.length() > 1000) {
            throw new IssueRejectedException("lead", "编者按不超过1000字。");
        }
        return new Issue(id, series, draft.title().strip(), comprehensive, distribution, printRun, "draft", null, null,
                null, createdBy, createdAt, null, null, items, StringUtils.hasText(lead) ? lead : null,
                Boolean.TRUE.equals(draft.numberedCopies()));
    }

    /**
     * 合报: items merged into another item's article. Only in a comprehensive issue, into an item of the
     * issue that leads its own article, never into itself; the merged items are printed right after
     * the item they join (their order among themselves kept).
     */
    private static List<Issue.Item> merged(List<Issue.Item> items, Map<String, String> mergedInto, boolean comprehensive) {
        if (mergedInto == null || mergedInto.isEmpty()) {
            return items;
        }
        if (!comprehensive) {
            throw new IssueRejectedException("mergedInto", "只有综合简报可以把几家单位的信息合并成一篇（合报）。");
        }
        Map<UUID, UUID> into = new LinkedHashMap<>();
        Set<UUID> inIssue = new HashSet<>();
        items.forEach(i -> inIssue.add(i.submissionId()));
        for (Map.Entry<String, String> e : mergedInto.entrySet()) {
            if (e.getValue() == null || e.getValue().isBlank()) {
                continue;
            }
            UUID item;
            UUID lead;
            try {
                item = UUID.fromString(e.getKey());
                lead = UUID.fromString(e.getValue());
            } catch (IllegalArgumentException bad) {
                throw new IssueRejectedException("mergedInto", "合并的信息编号格式不正确。");
            }
            if (!inIssue.contains(item) || !inIssue.contains(lead)) {
                throw new IssueRejectedException("mergedInto", "合并的信息须都在本期之中。");
            }
            if (item.equals(lead)) {
                throw new IssueRejectedException("mergedInto", "一条信息不能合并到它自己。");
            }
            into.put(item, lead);
        }
        for (UUID lead : into.values()) {
            if (into.containsKey(lead)) {
                throw new IssueRejectedException("mergedInto", "只能合并到领衔的一篇，不能合并到已并入他篇的信息。");
            }
        }
        List<Issue.Item> ordered = new ArrayList<>();
        for (Issue.Item item : items) {
            if (into.containsKey(item.submissionId())) {
                continue;
            }
            ordered.add(item);
            for (Issue.Item other : items) {
                if (item.submissionId().equals(into.get(other.submissionId()))) {
                    ordered.add(new Issue.Item(other.submissionId(), 0, other.headline(), item.submissionId()));
                }
            }
        }
        List<Issue.Item> numbered = new ArrayList<>();
        for (Issue.Item item : ordered) {
            numbered.add(new Issue.Item(item.submissionId(), numbered.size() + 1, item.headline(), item.mergedInto()));
        }
        return numbered;
    }

    private static UUID parseId(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IssueRejectedException("submissionIds", "信息编号“" + raw + "”格式不正确。");
        }
    }
}
