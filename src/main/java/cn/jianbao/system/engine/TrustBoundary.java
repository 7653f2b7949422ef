package cn.jianbao.system.engine;

import cn.jianbao.process.Processes;
import cn.jianbao.process.TaskKey;
import cn.jianbao.web.BadRequestException;
import cn.jianbao.web.ForbiddenException;
import cn.jianbao.web.NotFoundException;
import cn.jianbao.web.Inputs;
import cn.jianbao.web.Problems;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's front door. Every command a person issues (through Camunda's REST API, the
 * webapps, or our services acting for them) is checked here before it runs, by what it is
 * ({@link CommandPolicy}) and what it carries; commands the engine runs for itself, nested in
 * another command or without a user (the job executor, our delegates), pass. Checks that need
 * the task's model (who may decide) are in {@link TaskGuard}.
 */
final class TrustBoundary extends CommandInterceptor {

    private static final Logger log = LoggerFactory.getLogger(TrustBoundary.class);
    /** Commands the engine runs inside the one a person issued are the engine's own doing. */
    private static final ThreadLocal<Integer> DEPTH = ThreadLocal.withInitial(() -> 0);

    static final String READ_ONLY = "审计人员只能查看，不能办理或更改任何内容。";
    static final String SYSTEM_ONLY = "此操作只能由系统按流程执行，不能通过接口直接进行。";

    @Override
    public <T> T execute(Command<T> command) {
        int depth = DEPTH.get();
        if (depth == 0) {
            check(command);
        }
        DEPTH.set(depth + 1);
        try {
            return next.execute(command);
        } finally {
            DEPTH.set(depth);
        }
    }

    private void check(Command<?> command) {
        CommandContext context = Context.getCommandContext();
        Authentication auth = context == null ? null : context.getAuthentication();
        if (auth == null || auth.getUserId() == null) {
            return; // the application itself: the job executor, start-up, our services acting for no one
        }
        Caller caller = new Caller(auth.getUserId(), auth.getGroupIds());
        CommandPolicy.Kind kind = CommandPolicy.kindOf(command.getClass());
        if (kind == null) {
            log.warn("Refused an unclassified engine command {} by {}", command.getClass().getName(), caller.userId());
            throw new ForbiddenException(SYSTEM_ONLY);
        }
        if (kind != CommandPolicy.Kind.READ && kind != CommandPolicy.Kind.STATISTICS && caller.auditor()) {
            throw new ForbiddenException(READ_ONLY);
        }
        switch (kind) {
            case READ -> { }
            case STATISTICS -> {
                if (!caller.auditor() && !caller.admin()) {
                    throw new ForbiddenException("全网统计数据仅供审计人员和系统管理员在 Cockpit 中查看。");
                }
            }
            case WORK -> work(context, caller, command);
            case START -> start(context, caller, command);
            case MANAGE -> {
                if (!caller.office()) {
                    throw new ForbiddenException("办理人由流程确定：只有协调办公室可以指派、转办任务或更改候选人。");
                }
            }
            case ADMIN -> {
                if (!caller.admin()) {
                    throw new ForbiddenException("只有系统管理员可以执行此操作。");
                }
            }
            case PROTECTED -> throw new ForbiddenException(SYSTEM_ONLY);
        }
    }

    /** Completing, claiming or commenting: on a task the caller can see, carrying only what the task takes. */
    private void work(CommandContext context, Caller caller, Command<?> command) {
        String type = command.getClass().getSimpleName();
        String taskId = CommandFields.string(command, "taskId");
        if (taskId == null) {
            throw new ForbiddenException("只能对具体任务办理或发表意见。");
        }
        Task task = visibleTask(context, taskId);
        switch (type) {
            case "CompleteTaskCmd" -> onlyCompletionVariables(task, CommandFields.map(command, "variables"));
            case "SubmitTaskFormCmd" -> onlyCompletionVariables(task, CommandFields.map(command, "properties"));
            case "ClaimTaskCmd" -> {
                String userId = CommandFields.string(command, "userId");
                boolean forSelf = caller.userId().equals(userId);
                boolean release = userId == null && caller.userId().equals(task.getAssignee());
                if (!forSelf && !release && !caller.office()) {
                    throw new ForbiddenException("只能认领给自己，或退回自己认领的任务。");
                }
            }
            default -> { } // a comment on a task the caller can see
        }
    }

    /** The task if the caller may see it; otherwise the same answer as for a task that does not exist. */
    private static Task visibleTask(CommandContext context, String taskId) {
        TaskQueryImpl query = new TaskQueryImpl();
        query.taskId(taskId);
        List<Task> found = query.executeList(context, null);
        if (found.isEmpty()) {
            throw new NotFoundException(Problems.NOT_FOUND_OR_FORBIDDEN);
        }
        return found.get(0);
    }

    private static void onlyCompletionVariables(Task task, Map<String, Object> variables) {
        Set<String> sent = variables.keySet();
        List<String> allowed = TaskKey.of(task.getTaskDefinitionKey()).map(TaskKey::completionVariables)
                .orElse(List.of());
        Set<String> extra = new TreeSet<>(sent);
        extra.removeAll(allowed);
        if (!extra.isEmpty()) {
            throw new BadRequestException(extra.iterator().next(), "办理“" + task.getName() + "”时不能提交变量 "
                    + String.join("、", extra) + (allowed.isEmpty() ? "：该环节不需要提交任何变量。"
                    : "：只能提交 " + String.join("、", allowed) + "。"));
        }
        values(variables);
    }
    /**
     * What a form's variables may hold: text (without control characters), a file for
     * {@code document}, a date or text for {@code eventTime}. A number where text is read, an
     * object to be deserialized, or a NUL is refused before the engine stores anything.
     */
    private static void values(Map<String, Object> variables) {
        variables.keySet().forEach(name -> {
            // a VariableMap hands out values deserialized: ask it for the typed value as sent
            Object raw = variables instanceof VariableMap typedMap ? typedMap.getValueTyped(name) : variables.get(name);
            if (raw instanceof SerializableValue) { // an object (Java, JSON, XML) for the engine to deserialize
                throw new BadRequestException(name, "“" + name + "”的类型不对：表单只提交文字、日期或文件。");
            }
            Object value = raw instanceof TypedValue typed && !(typed instanceof FileValue) ? typed.getValue() : raw;
            if (value == null) {
                return;
            }
            boolean fits = switch (name) {
                case "document" -> value instanceof FileValue;
                case "eventTime" -> value instanceof String || value instanceof java.util.Date;
                default -> value instanceof String;
            };
            if (!fits) {
                throw new BadRequestException(name, "“" + name + "”的类型不对：" + ("document".equals(name) ? "应为文件。"
                        : "eventTime".equals(name) ? "应为日期时间，如 2026-11-23T09:30。" : "应为文字。"));
            }
            if (value instanceof String s) {
                Inputs.text(name, s);
            }
            if (value instanceof FileValue file && file.getFilename() != null) {
                Inputs.text(name, file.getFilename());
            }
        });
    }


    /**
     * A start by a person is Tasklist's start form of an information item, and provably the same as
     * our API's submission: from the start event, every listener run, no business key (the item's id
     * is made by us), only the form's fields, the initiator the signed-in user.
     */
    private void start(CommandContext context, Caller caller, Command<?> command) {
        if (!caller.liaison()) {
            throw new ForbiddenException("只有信息联络员可以报送信息。");
        }
        String definitionId;
        String definitionKey;
        String businessKey;
        Map<String, Object> variables;
        if (command.getClass().getSimpleName().equals("SubmitStartFormCmd")) {
            definitionId = CommandFields.string(command, "processDefinitionId");
            definitionKey = null;
            businessKey = CommandFields.string(command, "businessKey");
            variables = CommandFields.map(command, "variables");
        } else {
            ProcessInstantiationBuilderImpl builder = CommandFields.builder(command);
            definitionId = builder.getProcessDefinitionId();
            definitionKey = builder.getProcessDefinitionKey();
            businessKey = builder.getBusinessKey();
            variables = builder.getVariables() == null ? Map.of() : builder.getVariables();
            if (builder.getCaseInstanceId() != null
                    || builder.getModificationBuilder() != null
                    && !builder.getModificationBuilder().getModificationOperations().isEmpty()
                    || CommandFields.skipsListenersOrMappings(builder.getModificationBuilder())) {
                throw new ForbiddenException("信息报送只能从流程起点开始，不能指定起始环节或跳过监听器。");
            }
        }
        if (definitionKey == null) {
            ProcessDefinitionEntity definition = definitionId == null ? null : context.getProcessEngineConfiguration()
                    .getDeploymentCache().findProcessDefinitionFromCache(definitionId);
            if (definition == null) {
                definition = context.getProcessDefinitionManager().findLatestDefinitionById(definitionId);
            }
            if (definition == null) {
                throw new NotFoundException(Problems.NOT_FOUND_OR_FORBIDDEN);
            }
            definitionKey = definition.getKey();
        }
        if (!Processes.SUBMISSION.equals(definitionKey)) {
            throw new ForbiddenException("只能启动“信息报送”流程；其他流程由系统启动。");
        }
        if (businessKey != null) {
            throw new BadRequestException("businessKey", "报送编号由系统生成，不能指定业务主键（businessKey）。");
        }
        Set<String> extra = new TreeSet<>(variables.keySet());
        extra.removeAll(Processes.SUBMISSION_START_FORM);
        if (!extra.isEmpty()) {
            throw new BadRequestException(extra.iterator().next(), "报送时不能提交变量 " + String.join("、", extra)
                    + "：只能提交报送表单的字段 " + String.join("、", Processes.SUBMISSION_START_FORM) + "。");
        }
        values(variables);
    }
}
