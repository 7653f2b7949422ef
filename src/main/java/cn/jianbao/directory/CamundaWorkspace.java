package cn.jianbao.directory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.TaskQuery;
import cn.jianbao.process.Processes;
import cn.jianbao.process.TaskKey;
import org.springframework.stereotype.Service;

/**
 * Mirrors the directory into Camunda: users, groups, memberships, the authorizations that
 * follow from units and roles, and one Tasklist filter per role. Every method is idempotent.
 */
@Service
public class CamundaWorkspace {

    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final FilterService filters;
    private final TaskService tasks;

    public CamundaWorkspace(IdentityService identity, AuthorizationService authorizations, FilterService filters,
                            TaskService tasks) {
        this.identity = identity;
        this.authorizations = authorizations;
        this.filters = filters;
        this.tasks = tasks;
    }

    /** Groups and grants that exist once per unit. */
    public void provisionUnit(Unit unit) {
        String liaisons = Groups.liaisons(unit.code());
        String leaders = Groups.leaders(unit.code());
        group(liaisons, unit.name() + "信息联络员");
        group(leaders, unit.name() + "主管领导");
        for (String g : List.of(liaisons, leaders)) {
            grant(g, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            grant(g, Resources.PROCESS_DEFINITION, Processes.SUBMISSION, Permissions.READ);
        }
        // liaisons start submissions (Tasklist's "start process"); nobody else in a unit does
        grant(liaisons, Resources.PROCESS_DEFINITION, Processes.SUBMISSION, Permissions.CREATE_INSTANCE);
        grant(liaisons, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
    }

    /** Groups and grants of the coordinating office's roles. */
    public void provisionOfficeGroups() {
        group(Groups.EDITORS, "办公室编辑");
        group(Groups.SIGNERS, "签发人");
        group(Groups.AUDITORS, "审计人员");
        group(Groups.ADMINS, "系统管理员");
        for (String g : List.of(Groups.EDITORS, Groups.SIGNERS)) {
            grant(g, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            grant(g, Resources.PROCESS_DEFINITION, "*", Permissions.READ);
        }
        // auditors read everything, change nothing
        grant(Groups.AUDITORS, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant(Groups.AUDITORS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(Groups.AUDITORS, Resources.PROCESS_DEFINITION, "*", Permissions.READ, Permissions.READ_HISTORY,
                Permissions.READ_INSTANCE, Permissions.READ_TASK);
        grant(Groups.AUDITORS, Resources.PROCESS_INSTANCE, "*", Permissions.READ);
        grant(Groups.AUDITORS, Resources.DECISION_DEFINITION, "*", Permissions.READ, Permissions.READ_HISTORY);
        grant(Groups.AUDITORS, Resources.DEPLOYMENT, "*", Permissions.READ);
        grant(Groups.AUDITORS, Resources.TASK, "*", Permissions.READ);
        grant(Groups.AUDITORS, Resources.HISTORIC_TASK, "*", HistoricTaskPermissions.READ);
        grant(Groups.AUDITORS, Resources.HISTORIC_PROCESS_INSTANCE, "*", HistoricProcessInstancePermissions.READ);
        for (Resource r : Resources.values()) {
            grant(Groups.ADMINS, r, "*", Permissions.ALL);
        }
    }

    /** Creates the Camunda user if missing (the password is set only then) and its membership. */
    public void provisionUser(String userId, String displayName, String password, Unit unit, Role role) {
        if (identity.createUserQuery().userId(userId).singleResult() == null) {
            User user = identity.newUser(userId);
            user.setFirstName(displayName);
            user.setLastName("");
            user.setPassword(password);
            identity.saveUser(user);
        }
        String groupId = role.groupFor(unit.code());
        if (identity.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
            identity.createMembership(userId, groupId);
        }
    }

    /** One filter per kind of work, so each user sees theirs on first login. */
    public void provisionFilters(List<String> unitCodes) {
        List<String> leaders = new ArrayList<>();
        List<String> liaisons = new ArrayList<>();
        for (String u : unitCodes) {
            leaders.add(Groups.leaders(u));
            liaisons.add(Groups.liaisons(u));
        }
        filter("待我审批", "本单位待审批的信息和线索", -10, TaskKey.LEADER_APPROVAL, leaders);
        filter("待我审核", "各单位报送、待办公室审核的信息", -9, TaskKey.OFFICE_REVIEW, List.of(Groups.EDITORS));
        filter("待定采用", "已审核、待决定是否采用的信息", -8, TaskKey.ADOPTION_DECISION, List.of(Groups.SIGNERS));
        filter("退回待修改", "被退回、需要修改后重新报送的信息", -7, TaskKey.REVISE, liaisons);
        filter("待编排简报", "已创建、待编排的简报草稿", -6, TaskKey.COMPILE_ISSUE, List.of(Groups.EDITORS));
        filter("待签发", "已编排、待签发的简报", -5, TaskKey.SIGN_OFF, List.of(Groups.SIGNERS));
    }

    /** A filter of the tasks of one kind that the user's groups are candidates for; kept up to date at each start. */
    private void filter(String name, String description, int priority, TaskKey task, List<String> readers) {
        TaskQuery query = tasks.createTaskQuery().taskDefinitionKey(task.id())
                .taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks();
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("description", description);
        props.put("priority", priority);
        props.put("refresh", true);
        props.put("variables", List.of(
                Map.of("name", "title", "label", "标题"),
                Map.of("name", "unitName", "label", "报送单位"),
                Map.of("name", "kindLabel", "label", "类别")));
        Filter filter = filters.createFilterQuery().filterName(name).singleResult();
        if (filter == null) {
            filter = filters.newTaskFilter(name);
        }
        filters.saveFilter(filter.setQuery(query).setProperties(props));
        for (String group : readers) {
            grant(group, Resources.FILTER, filter.getId(), Permissions.READ);
        }
    }

    private void group(String id, String name) {
        if (identity.createGroupQuery().groupId(id).singleResult() == null) {
            Group group = identity.newGroup(id);
            group.setName(name);
            group.setType("WORKFLOW");
            identity.saveGroup(group);
        }
    }

    private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
        Authorization auth = authorizations.createAuthorizationQuery().groupIdIn(groupId)
                .resourceType(resource).resourceId(resourceId).singleResult();
        if (auth == null) {
            auth = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            auth.setGroupId(groupId);
            auth.setResource(resource);
            auth.setResourceId(resourceId);
        }
        for (Permission p : permissions) {
            auth.addPermission(p);
        }
        authorizations.saveAuthorization(auth);
    }
}
