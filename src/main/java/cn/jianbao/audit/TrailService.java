package cn.jianbao.audit;

import cn.jianbao.directory.Directory;
import cn.jianbao.directory.Person;
import cn.jianbao.intake.Step;
import cn.jianbao.intake.Submission;
import cn.jianbao.intake.SubmissionService;
import cn.jianbao.process.Decision;
import cn.jianbao.process.Processes;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.springframework.stereotype.Service;

/**
 * The approval trail of an item, for auditors: the engine's history (level full) gives which
 * steps were passed and when; our decision records give who decided what and why. Each
 * user-task entry is joined on the task id, so the two sources cannot drift apart silently.
 */
@Service
public class TrailService {

    private final HistoryService history;
    private final org.camunda.bpm.engine.RepositoryService repository;
    private final SubmissionService submissions;
    private final Directory directory;

    TrailService(HistoryService history, org.camunda.bpm.engine.RepositoryService repository,
                 SubmissionService submissions, Directory directory) {
        this.history = history;
        this.repository = repository;
        this.submissions = submissions;
        this.directory = directory;
    }

    public List<TrailEntry> trail(Person person, UUID id) {
        Submission submission = submissions.readableRecord(person, id);
        List<Step> steps = submissions.steps(person, id);
        Map<String, Step> byTask = new HashMap<>();
        steps.stream().filter(s -> s.taskId() != null).forEach(s -> byTask.put(s.taskId(), s));
        Optional<Step> submitted = steps.stream().filter(s -> Processes.STEP_SUBMIT.equals(s.step())).findFirst();
        Optional<Step> publication = steps.stream().filter(s -> Processes.STEP_PUBLICATION.equals(s.step())).findFirst();

        // user tasks are timed by their task records (created, completed), as Tasklist shows them
        Map<String, HistoricTaskInstance> tasks = new HashMap<>();
        history.createHistoricTaskInstanceQuery().processInstanceId(submission.processInstanceId()).list()
                .forEach(t -> tasks.put(t.getId(), t));
        List<TrailEntry> trail = new ArrayList<>();
        List<HistoricActivityInstance> activities = history.createHistoricActivityInstanceQuery()
                .processInstanceId(submission.processInstanceId())
                .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list();
        for (HistoricActivityInstance a : activities) {
            switch (a.getActivityType()) {
                case "startEvent" -> submitted.ifPresent(s -> trail.add(entry(a, s)));
                case "userTask" -> {
                    Step s = byTask.get(a.getTaskId());
                    HistoricTaskInstance t = tasks.get(a.getTaskId());
                    Date start = t != null ? t.getStartTime() : a.getStartTime();
                    Date end = t != null ? t.getEndTime() : a.getEndTime();
                    trail.add(new TrailEntry(a.getActivityName(), a.getActivityId(),
                            s != null ? s.actor() : a.getAssignee(), name(s != null ? s.actor() : a.getAssignee()),
                            s != null ? s.decision() : null,
                            s != null ? Decision.label(s.decision()) : null,
                            s != null ? s.comment() : null, time(start), time(end)));
                }
                case "intermediateMessageCatch" -> {
                    if (a.getEndTime() != null) {
                        publication.ifPresent(s -> trail.add(entry(a, s)));
                    }
                }
                default -> {
                    // gateways, service tasks and end events carry no decision of a person
                }
            }
        }
        // the office's 改稿 is not a step of the process: placed among the steps by its time
        steps.stream().filter(s -> Processes.STEP_OFFICE_EDIT.equals(s.step())).forEach(s -> trail.add(new TrailEntry(
                Processes.stepLabel(s.step()), s.step(), s.actor(), name(s.actor()), s.decision(),
                Decision.label(s.decision()), s.comment(), s.decidedAt(), s.decidedAt())));
        trail.sort(java.util.Comparator.comparing(TrailEntry::startedAt,
                java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())));
        return trail;
    }

    /**
     * The approval path to draw on the model: the BPMN the item's process runs, the elements it
     * passed (with how often), those it waits at now, and the trail for the labels.
     */
    public record Path(String xml, Map<String, Integer> visited, List<String> current, List<TrailEntry> trail) {
    }

    public Path path(Person person, UUID id) {
        Submission submission = submissions.readableRecord(person, id);
        List<TrailEntry> trail = trail(person, id);
        var instance = history.createHistoricProcessInstanceQuery().processInstanceId(submission.processInstanceId())
                .singleResult();
        String xml;
        try (var in = repository.getProcessModel(instance.getProcessDefinitionId())) {
            xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, Integer> visited = new java.util.LinkedHashMap<>();
        List<String> current = new ArrayList<>();
        history.createHistoricActivityInstanceQuery().processInstanceId(submission.processInstanceId())
                .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list()
                .forEach(a -> {
                    visited.merge(a.getActivityId(), 1, Integer::sum);
                    if (a.getEndTime() == null) {
                        current.add(a.getActivityId());
                    }
                });
        return new Path(xml, visited, current, trail);
    }

    private TrailEntry entry(HistoricActivityInstance a, Step s) {
        String step = Processes.STEP_PUBLICATION.equals(s.step()) ? Processes.stepLabel(s.step()) : a.getActivityName();
        return new TrailEntry(step, a.getActivityId(), s.actor(), name(s.actor()), s.decision(),
                Decision.label(s.decision()), s.comment(), time(a.getStartTime()),
                a.getEndTime() == null ? s.decidedAt() : time(a.getEndTime()));
    }

    private String name(String userId) {
        return directory.displayName(userId);
    }

    private static OffsetDateTime time(Date date) {
        return date == null ? null : date.toInstant().atOffset(ZoneOffset.UTC);
    }
}
