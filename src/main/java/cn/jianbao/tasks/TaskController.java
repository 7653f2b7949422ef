package cn.jianbao.tasks;

import cn.jianbao.directory.Person;
import cn.jianbao.web.NotFoundException;
import cn.jianbao.web.Problems;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** 待办 over HTTP: the pages, the list and its count, one step, and a decision on it. */
@io.swagger.v3.oas.annotations.tags.Tag(name = "审批待办")
@Controller
class TaskController {

    private final OpenTasks open;
    private final TaskDecisions decisions;

    TaskController(OpenTasks open, TaskDecisions decisions) {
        this.open = open;
        this.decisions = decisions;
    }

    @GetMapping({"/tasks", "/tasks/{taskId}"})
    String page() {
        return "forward:/tasks.html";
    }

    /** The person's open steps, oldest first; with {@code subjectId}, those of one item or issue. */
    @io.swagger.v3.oas.annotations.Operation(summary = "我的待办")
    @GetMapping("/api/tasks")
    @ResponseBody
    List<OpenTasks.OpenTask> list(@AuthenticationPrincipal Person me, @RequestParam(required = false) UUID subjectId) {
        List<OpenTasks.OpenTask> all = open.of(me);
        return subjectId == null ? all : all.stream().filter(t -> subjectId.equals(t.subjectId())).toList();
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "待办数量")
    @GetMapping("/api/tasks/count")
    @ResponseBody
    Map<String, Long> count(@AuthenticationPrincipal Person me) {
        return Map.of("count", open.count(me));
    }

    /** One open step of the caller's; a step someone already took answers 409 with who and when. */
    @io.swagger.v3.oas.annotations.Operation(summary = "一项待办及其信息")
    @GetMapping("/api/tasks/{taskId}")
    @ResponseBody
    OpenTasks.OpenTask one(@AuthenticationPrincipal Person me, @PathVariable String taskId) {
        return open.find(me, taskId).orElseThrow(() -> decisions.notOpen(me, taskId));
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "办理待办：同意、退回（须填理由）或不予报送等")
    @PostMapping("/api/tasks/{taskId}/decision")
    @ResponseBody
    TaskDecisions.Decided decide(@AuthenticationPrincipal Person me, @PathVariable String taskId,
                                 @RequestBody(required = false) TaskDecisions.Request request) {
        return decisions.decide(me, taskId, request == null ? new TaskDecisions.Request(null, null, null) : request);
    }
}
