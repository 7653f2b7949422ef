package cn.jianbao.system.engine;

import cn.jianbao.web.BadRequestException;
import cn.jianbao.web.ForbiddenException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.task.TaskDefinition;

/**
 * Who may decide at a user task is what the model says, evaluated now (our routing reads the
 * stored item): the candidate groups and users and the assignee of the task's definition, not the
 * task's current assignee or identity links, which a task's holder could change. Added to every
 * user task as a built-in listener, which neither a model nor "skip listeners" can remove.
 * <ul>
 * <li>complete: the person completing must be one the model names;</li>
 * <li>assignment: a task can only be given to one the model names.</li>
 * </ul>
 */
final class TaskGuard implements TaskListener {

    private final TaskDefinition definition;
    private final IdentityService identity;

    TaskGuard(TaskDefinition definition, IdentityService identity) {
        this.definition = definition;
        this.identity = identity;
    }

    @Override
    public void notify(DelegateTask task) {
        Authentication auth = Context.getCommandContext() == null ? null
                : Context.getCommandContext().getAuthentication();
        if (auth == null || auth.getUserId() == null) {
            return; // the application itself
        }
        VariableScope scope = ((TaskEntity) task).getExecution();
        if (scope == null) {
            return;
        }
        if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
            if (!named(scope, auth.getUserId(), auth.getGroupIds())) {
                throw new ForbiddenException("“" + task.getName() + "”只能由流程指定的办理岗位办理：" + describe(scope) + "。");
            }
        } else if (EVENTNAME_ASSIGNMENT.equals(task.getEventName()) && task.getAssignee() != null) {
            List<String> groups = identity.createGroupQuery().groupMember(task.getAssignee()).list().stream()
                    .map(Group::getId).toList();
            if (!named(scope, task.getAssignee(), groups)) {
                throw new BadRequestException("assignee", "“" + task.getName() + "”只能交给流程指定的办理岗位："
                        + describe(scope) + "。");
            }
        }
    }

    private boolean named(VariableScope scope, String userId, Collection<String> groups) {
        if (definition.getAssigneeExpression() != null
                && userId.equals(String.valueOf(definition.getAssigneeExpression().getValue(scope)))) {
            return true;
        }
        if (evaluate(definition.getCandidateUserIdExpressions(), scope).contains(userId)) {
            return true;
        }
        Set<String> modelled = evaluate(definition.getCandidateGroupIdExpressions(), scope);
        return groups != null && groups.stream().anyMatch(modelled::contains);
    }

    private String describe(VariableScope scope) {
        Set<String> who = evaluate(definition.getCandidateGroupIdExpressions(), scope);
        if (who.isEmpty() && definition.getAssigneeExpression() != null) {
            who = Set.of(String.valueOf(definition.getAssigneeExpression().getValue(scope)));
        }
        return String.join("、", who);
    }

    private static Set<String> evaluate(Set<Expression> expressions, VariableScope scope) {
        Set<String> out = new LinkedHashSet<>();
        for (Expression e : expressions) {
            Object value = e.getValue(scope);
            if (value instanceof Collection<?> c) {
                c.forEach(v -> out.add(String.valueOf(v).strip()));
            } else if (value != null) {
                for (String v : value.toString().split(",")) {
                    out.add(v.strip());
                }
            }
        }
        return out;
    }
}
