package cn.jianbao.demo;

import cn.jianbao.directory.ActingAs;
import cn.jianbao.directory.Directory;
import cn.jianbao.directory.DirectoryAdmin;
import cn.jianbao.directory.Person;
import cn.jianbao.directory.Role;
import cn.jianbao.directory.StartupLock;
import cn.jianbao.directory.Unit;
import cn.jianbao.directory.UnitKind;
import cn.jianbao.intake.SubmissionDraft;
import cn.jianbao.intake.SubmissionService;
import cn.jianbao.publication.Distribution;
import cn.jianbao.publication.IssueDraft;
import cn.jianbao.publication.IssueService;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo units, users (password {@code demo}), Tasklist filters and a few items at different
 * steps, so a newcomer can log in and click through at once. Idempotent: runs at every start.
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "jianbao.demo-data", havingValue = "true", matchIfMissing = true)
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    static final String PASSWORD = "demo";

    static final List<Unit> UNITS = List.of(
            new Unit("huangjiang", "黄江镇", UnitKind.TOWN),
            new Unit("mayong", "麻涌镇", UnitKind.TOWN),
            new Unit("qingxi", "清溪镇", UnitKind.TOWN),
            new Unit("police", "公安分局", UnitKind.MEMBER),
            new Unit("propaganda", "宣传部", UnitKind.MEMBER));
    static final Unit OFFICE = new Unit("office", "扫黑办", UnitKind.OFFICE);

    private final Directory directory;
    private final DirectoryAdmin directoryAdmin;
    private final SubmissionService submissions;
    private final TaskService tasks;
    private final ActingAs acting;
    private final IssueService issues;
    private final boolean withSubmissions;
    private final StartupLock startup;

    DemoData(Directory directory, DirectoryAdmin directoryAdmin, SubmissionService submissions, TaskService tasks,
             ActingAs acting, IssueService issues, StartupLock startup,
             @org.springframework.beans.factory.annotation.Value("${jianbao.demo-submissions:true}") boolean withSubmissions) {
        this.directory = directory;
        this.directoryAdmin = directoryAdmin;
        this.submissions = submissions;
        this.tasks = tasks;
        this.acting = acting;
        this.issues = issues;
        this.withSubmissions = withSubmissions;
        this.startup = startup;
    }

    /** One node at a time: two started together would make the units and the demo items twice. */
    @Override
    public void run(ApplicationArguments args) {
        startup.run(this::make);
    }

    private void make() {
        unit(OFFICE, 0);
        person("editor", "扫黑办编辑", OFFICE, Role.EDITOR);
        person("signer", "扫黑办签发人", OFFICE, Role.SIGNER);
        person("auditor", "巡察审计员", OFFICE, Role.AUDITOR);
        person("admin", "系统管理员", OFFICE, Role.ADMIN);
        int order = 10;
        for (Unit unit : UNITS) {
            unit(unit, order += 10);
            person(unit.code() + "-liaison", unit.name() + "信息员", unit, Role.LIAISON);
            person(unit.code() + "-leader", unit.name() + "主管领导", unit, Role.LEADER);
        }
        if (withSubmissions && tasks.createTaskQuery().count() == 0
                && submissions.list(admin(), null, null, 0, 1).isEmpty()) {
            demoSubmissions();
        }
        log.info("Demo data ready: {} units, users <unit>-liaison, <unit>-leader, editor, signer, auditor, admin "
                + "(password '{}')", UNITS.size() + 1, PASSWORD);
    }

    /** Through the directory service, as an administrator would create them (but with the demo password). */
    private void unit(Unit unit, int order) {
        directoryAdmin.ensureUnit(new DirectoryAdmin.UnitDraft(unit.code(), unit.name(), unit.kind().code(), null, true,
                order));
    }

    private void person(String userId, String name, Unit unit, Role role) {
        directoryAdmin.ensurePerson(new DirectoryAdmin.PersonDraft(userId, name, unit.code(), List.of(role.code()),
                null, null, PASSWORD, true));
    }

    private Person admin() {
        return directory.person("admin").orElseThrow();
    }

    private void demoSubmissions() {
        submit("huangjiang-liaison", new SubmissionDraft("黄江镇把专项斗争与驻点联系群众工作相结合", "dynamic", "internal", null,
                """
                黄江镇把扫黑除恶专项斗争与领导干部驻点联系群众工作相结合，通过深入群众提升宣传和线索摸排力度。
                一是丰富驻点工作内容。由镇领导组成的驻点工作组每周到驻点村走访群众，面对面宣讲政策。
                二是开展宣传教育。在办事中心、党支部放置宣传手册，在人流密集场所布置宣传展板。
                三是建立线索摸排机制。各社区设置举报信箱，指定专人负责线索整理，每周研判。""",
                null, null, List.of()));
        String mayong = submit("mayong-liaison", new SubmissionDraft("麻涌镇“四个加强”提升专项斗争成效", "dynamic", "public", null,
                """
                麻涌镇以四个工作小组统筹联动为抓手，突出“四个加强”，推动专项斗争深入开展。
                一是加强基层建设，推进软弱涣散基层党组织整顿。二是加强宣传发动，营造全民参与氛围。
                三是加强线索核查，做到件件有回音。四是加强行业治理，堵塞监管漏洞。""",
                null, null, List.of()));
        decide(mayong, "mayong-leader", Map.of("decision", "approve", "comment", "同意报送。"));
        String qingxi = submit("qingxi-liaison", new SubmissionDraft("清溪镇纪委“三个提高”巩固宣传成效", "dynamic", "public", null,
                """
                清溪镇纪委在扫黑除恶专项斗争中突出“三个提高”，全面巩固宣传成效。
                一是提高宣传覆盖面，依托村（社区）宣传栏和微信公众号，推动政策宣传进村入户。
                二是提高线索摸排质量，对群众反映的问题线索逐条登记、逐件核查、限时反馈。
                三是提高问责精准度，严肃查处黑恶势力“保护伞”问题。""",
                null, null, List.of()));
        decide(qingxi, "qingxi-leader", Map.of("decision", "approve"));
        decide(qingxi, "editor", Map.of("decision", "approve", "comment", "经验做法可推广。"));
        decide(qingxi, "signer", Map.of("adoption", "standalone"));
        var issue = issues.create(directory.person("editor").orElseThrow(), new IssueDraft("briefing", "动态速递",
                List.of(qingxi), null, false, new Distribution(List.of("office"), List.of(),
                        UNITS.stream().map(Unit::code).toList()), 100));
        decide(issue.id().toString(), "editor", Map.of());
        decide(issue.id().toString(), "signer", Map.of("decision", "approve"));
        submit("police-liaison", new SubmissionDraft("公安分局破获一起非法放贷案件", "news_lead", "restricted", null,
                "公安分局经过两个月缜密侦查，成功打掉一个以“套路贷”方式非法放贷的犯罪团伙。",
                "可协调媒体采访办案民警，案件细节须经公安分局审核后发布。", null, List.of()));
    }

    private String submit(String liaison, SubmissionDraft draft) {
        Person person = directory.person(liaison).orElseThrow();
        return submissions.submit(person, draft, "demo-" + draft.title().hashCode()).submission().id().toString();
    }

    /** A decision as the user takes it in Tasklist: through the engine boundary, recorded under them. */
    private void decide(String submissionId, String userId, Map<String, Object> variables) {
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(submissionId).singleResult();
        acting.run(userId, () -> tasks.complete(task.getId(), variables));
    }
}
