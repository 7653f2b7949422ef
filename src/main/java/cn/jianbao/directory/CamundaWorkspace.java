package cn.jianbao.directory;

import cn.jianbao.process.Processes;
import cn.jianbao.process.TaskKey;
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
import org.springframework.stereotype.Service;

/**
 * Mirrors the directory into Camunda: users, groups, memberships, the authorizations that
 * follow from units and roles, and one Tasklist filter per kind of work. Called by
 * {@link DirectoryAdmin} in the transaction of each directory change; every method is idempotent.
 * Nobody else writes Camunda's identities (the engine boundary keeps Camunda Admin read-only there).
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

    /** Groups and grants that exist once per unit, its groups' Tasklist filters; names follow a rename. */
    public void provisionUnit(Unit unit) {
        if (unit.kind() == UnitKind.OFFICE) {
            provisionOfficeGroups();
            return;
        }
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
        grantFilter(FILTER_LEADERS, leaders);
        grantFilter(FILTER_LIAISONS, liaisons);
        grantFilter(FILTER_COMMISSIONS, liaisons);
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
        provisionFilters();
        grantFilter(FILTER_EDITORS, Groups.EDITORS);
        grantFilter(FILTER_COMPILE, Groups.EDITORS);
        grantFilter(FILTER_SIGNERS, Groups.SIGNERS);
        grantFilter(FILTER_SIGN_OFF, Groups.SIGNERS);
    }

    /**
     * The Camunda user of a directory entry: created if missing, its name and e-mail kept in step,
     * its memberships exactly the groups its roles in its unit mean (none once inactive). With a
     * password, that becomes the password; a new user without one gets an unusable random one
     * (they log in through LDAP, or after an administrator sets one).
     */
    public void syncUser(PersonDetails person, String password) {
        User user = identity.createUserQuery().userId(person.userId()).singleResult();
        if (user == null) {
            user = identity.newUser(person.userId());
            user.setPassword(password != null ? password : PasswordPolicy.generate() + PasswordPolicy.generate());
        } else if (password != null) {
            user.setPassword(password);
        }
        user.setFirstName(person.name());
        user.setLastName("");
        user.setEmail(person.email());
        identity.saveUser(user);
        List<String> wanted = person.active() ? Person.groups(person.roles(), person.unit().code()) : List.of();
        for (Group g : identity.createGroupQuery().groupMember(person.userId()).list()) {
            if (!wanted.contains(g.getId())) {
                identity.deleteMembership(person.userId(), g.getId());
            }
        }
        for (String g : wanted) {
            if (identity.createUserQuery().userId(person.userId()).memberOfGroup(g).count() == 0) {
                identity.createMembership(person.userId(), g);
            }
        }
    }

    /** Whether the password is this user's (Camunda's brute-force protection applies). */
    public boolean checkPassword(String userId, String password) {
        return identity.checkPassword(userId, password);
    }

    // --- Tasklist filters: one per kind of work, readable by the groups that do it ---

    private static final String FILTER_LEADERS = "待我审批";
    private static final String FILTER_EDITORS = "待我审核";
    private static final String FILTER_SIGNERS = "待定采用";
    private static final String FILTER_LIAISONS = "退回待修改";
    private static final String FILTER_COMPILE = "待编排简报";
    private static final String FILTER_SIGN_OFF = "待签发";
    private static final String FILTER_COMMISSIONS = "约稿待答复";

    /** The filters themselves, kept up to date at each start. */
    private void provisionFilters() {
        filter(FILTER_LEADERS, "本单位待审批的信息和线索", -10, TaskKey.LEADER_APPROVAL);
        filter(FILTER_EDITORS, "各单位报送、待办公室审核的信息", -9, TaskKey.OFFICE_REVIEW);
        filter(FILTER_SIGNERS, "已审核、待决定是否采用的信息", -8, TaskKey.ADOPTION_DECISION);
        filter(FILTER_LIAISONS, "被退回、需要修改后重新报送的信息", -7, TaskKey.REVISE);
        filter(FILTER_COMPILE, "已创建、待编排的简报草稿", -6, TaskKey.COMPILE_ISSUE);
        filter(FILTER_SIGN_OFF, "已编排、待签发的简报", -5, TaskKey.SIGN_OFF);
        filter(FILTER_COMMISSIONS, "办公室约稿：报送一条注明约稿的信息，或说明理由谢绝", -4, TaskKey.ANSWER_COMMISSION);
    }

    private void filter(String name, String description, int priority, TaskKey task) {
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
    }

    private void grantFilter(String name, String group) {
        Filter filter = filters.createFilterQuery().filterName(name).singleResult();
        if (filter == null) {
            provisionFilters();
            filter = filters.createFilterQuery().filterName(name).singleResult();
        }
        grant(group, Resources.FILTER, filter.getId(), Permissions.READ);
    }

    private void group(String id, String name) {
        Group group = identity.createGroupQuery().groupId(id).singleResult();
        if (group == null) {
            group = identity.newGroup(id);
            group.setType("WORKFLOW");
        } else if (name.equals(group.getName())) {
            return;
        }
        group.setName(name);
        identity.saveGroup(group);
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
