package cn.jianbao.assessment;

import cn.jianbao.access.WritePolicy;
import cn.jianbao.directory.Person;
import cn.jianbao.web.BadRequestException;
import cn.jianbao.web.OfficeTime;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The assessment's rule tables: which version of each applies on a given day, and their answers.
 * The tables in processes/ are the defaults a new installation starts with; from then on they
 * are the office's, changed by uploading a new version with the day it takes effect. Past days
 * keep the version they had, so a period's figures never change behind anyone's back.
 */
@Component
public class RuleBook implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(RuleBook.class);
    static final String DEPLOYMENT = "jianbao-rules";
    /** The defaults apply to everything before the office's first change. */
    static final LocalDate SINCE_EVER = LocalDate.of(2000, 1, 1);

    /** A table's answer: the value, and the table and version that gave it. */
    public record Answer(double value, Map<String, Object> outputs, String key, int version) {
    }

    /** A version of a table in force. */
    public record Version(String key, String label, int version, LocalDate effectiveFrom, String recordedBy,
                          OffsetDateTime recordedAt, String note) {
    }

    /**
     * A DMN engine of our own, without the process engine's history and metrics: our tables are
     * evaluated for the ledger (which records table and version), also outside engine commands.
     * It has no JUEL and no script engines, only FEEL: tables are checked to be literals
     * ({@link RuleTableLiterals}) before they get here, and this is the second wall.
     */
    private static final DmnEngine DMN = ((DefaultDmnEngineConfiguration) DmnEngineConfiguration
            .createDefaultDmnEngineConfiguration())
            .elProvider(RuleTablesAsData.NO_EL)
            .scriptEngineResolver(RuleTablesAsData.NO_SCRIPTS)
            .buildEngine();

    private static final int MAX_ANSWERS = 10_000;

    private final RepositoryService repository;
    private final JdbcClient jdbc;
    private final OfficeTime time;
    private final Map<String, DmnDecision> parsed = new ConcurrentHashMap<>();
    /** Answers by table, version and input (see {@link #evaluate}). */
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    RuleBook(ProcessEngine engine, JdbcClient jdbc, OfficeTime time) {
        this.repository = engine.getRepositoryService();
        this.jdbc = jdbc;
        this.time = time;
    }

    /** Installs each default table not installed yet; an installed table is left as the office made it. */
    @Override
    @Transactional
    public void afterPropertiesSet() {
        for (RuleTable table : RuleTable.values()) {
            if (repository.createDecisionDefinitionQuery().decisionDefinitionKey(table.key()).count() > 0) {
                ensureRegistered(table);
                continue;
            }
            byte[] bytes;
            try (InputStream in = new ClassPathResource("processes/" + table.file()).getInputStream()) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("rule table processes/" + table.file() + " missing", e);
            }
            repository.createDeployment().name(DEPLOYMENT).source(DEPLOYMENT)
                    .addInputStream("processes/" + table.file(), new ByteArrayInputStream(bytes)).deploy();
            ensureRegistered(table);
            log.info("Installed the default rule table {} ({})", table.key(), table.file());
        }
    }

    /**
     * A version deployed outside our upload (Camunda's own deployment) counts from the day it was
     * seen. Every installed version is read again at the start: one that is not literals only
     * (installed before tables were checked) is not registered, and is refused when asked.
     */
    private void ensureRegistered(RuleTable table) {
        for (DecisionDefinition d : repository.createDecisionDefinitionQuery().decisionDefinitionKey(table.key()).list()) {
            String refused = refusal(d);
            if (refused != null) {
                log.error("Rule table {} version {} is not literals only and will not be evaluated: {}", table.key(),
                        d.getVersion(), refused);
                continue;
            }
            boolean first = d.getVersion() == 1;
            jdbc.sql("""
                    insert into rule_version (decision_key, version, effective_from, recorded_by, recorded_at, note)
                    values (?, ?, ?, 'system', ?, ?) on conflict do nothing""")
                    .params(table.key(), d.getVersion(), first ? SINCE_EVER : time.today(),
                            time.now(), first ? "默认规则" : "经流程引擎部署").update();
        }
    }

    /** The version of a table in force on a day. */
    public int versionOn(RuleTable table, LocalDate day) {
        return jdbc.sql("""
                select version from rule_version where decision_key = ? and effective_from <= ?
                order by effective_from desc, version desc limit 1""").params(table.key(), day)
                .query(Integer.class).optional()
                .orElseThrow(() -> new IllegalStateException("no version of " + table.key() + " in force on " + day));
    }

    /**
     * The table's answer for an input on a day, by the version in force that day. A deployed
     * version never changes, so its answer to an input is kept: the FEEL engine builds its
     * built-in functions anew for every evaluation, a tenth of the CPU of a task completion when
     * every new task asked the deadline table and every adoption the points table.
     */
    public Answer evaluate(RuleTable table, String input, LocalDate day) {
        int version = versionOn(table, day);
        String key = table.key() + ":" + version + ":" + input;
        Answer known = answers.get(key);
        if (known != null) {
            return known;
        }
        Answer answer = answer(table, decision(table, version), input, version);
        if (answers.size() < MAX_ANSWERS) { // inputs are codes; a flood of odd ones is answered, not kept
            answers.put(key, answer);
        }
        return answer;
    }

    static Answer answer(RuleTable table, DmnDecision decision, String input, int version) {
        DmnDecisionResultEntries result;
        try {
            String[] names = table.input().split(",");
            String[] values = input.split("\\|", -1);
            var variables = Variables.createVariables();
            for (int i = 0; i < names.length; i++) {
                variables.putValue(names[i], i < values.length ? values[i] : null);
            }
            result = DMN.evaluateDecision(decision, variables).getSingleResult();
        } catch (RuntimeException e) {
            throw new BadRequestException(table.input(), "规则表“" + table.label() + "”无法对“" + input + "”作出唯一的结果。");
        }
        if (result == null || !(result.get(table.output()) instanceof Number n)) {
            throw new BadRequestException(table.input(), "规则表“" + table.label() + "”中没有“" + input + "”的计分规则。");
        }
        return new Answer(n.doubleValue(), Collections.unmodifiableMap(new LinkedHashMap<>(result)), table.key(), version);
    }

    private DmnDecision decision(RuleTable table, int version) {
        return parsed.computeIfAbsent(table.key() + ":" + version, k -> {
            DecisionDefinition d = repository.createDecisionDefinitionQuery().decisionDefinitionKey(table.key())
                    .decisionDefinitionVersion(version).singleResult();
            byte[] xml = model(d);
            try {
                RuleTableLiterals.check(xml);
            } catch (BadRequestException e) {
                throw new IllegalStateException("规则表“" + table.label() + "”第" + version + "版不是纯数值表，已拒绝执行："
                        + e.getMessage() + " 请由管理员重新上传该规则表。");
            }
            return DMN.parseDecision(table.key(), new ByteArrayInputStream(xml));
        });
    }

    /** The stored XML, read as a resource: the engine's model cache would parse (and refuse) it first. */
    private byte[] model(DecisionDefinition d) {
        try (InputStream in = repository.getResourceAsStream(d.getDeploymentId(), d.getResourceName())) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Why an installed version is not literals only, or null. */
    private String refusal(DecisionDefinition d) {
        try {
            RuleTableLiterals.check(model(d));
            return null;
        } catch (BadRequestException e) {
            return e.getMessage();
        }
    }

    /**
     * A candidate table, parsed and checked without deploying it: one of our tables, taking its
     * input, answering every known input value with a number. Refused with the reason otherwise.
     */
    public Candidate check(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new BadRequestException("file", "请选择规则表文件（.dmn）。");
        }
        RuleTableLiterals.check(bytes); // before any DMN engine reads it
        List<DmnDecision> decisions;
        try {
            decisions = DMN.parseDecisions(new ByteArrayInputStream(bytes));
        } catch (RuntimeException e) {
            throw new BadRequestException("file", "规则表无法解析，请用 Camunda Modeler 保存为 DMN 文件后再上传。");
        }
        if (decisions.size() != 1) {
            throw new BadRequestException("file", "一个文件只能包含一张规则表。");
        }
        DmnDecision decision = decisions.get(0);
        RuleTable table = RuleTable.ofKey(decision.getKey()).orElseThrow(() -> new BadRequestException("file",
                "规则表编号“" + decision.getKey() + "”不是本系统的规则表（应为 adoptionPoints、instructionPoints 等）。"));
        for (String input : table.inputs()) {
            answer(table, decision, input, 0);
        }
        return new Candidate(table, decision, bytes);
    }

    public record Candidate(RuleTable table, DmnDecision decision, byte[] bytes) {

        public Answer evaluate(String input) {
            return answer(table, decision, input, 0);
        }
    }

    /** Deploys a checked candidate as the table's next version, in force from {@code effectiveFrom} (an administrator's). */
    @Transactional
    public Version install(Candidate candidate, LocalDate effectiveFrom, Person person, String note) {
        WritePolicy.require(person, WritePolicy.Action.CHANGE_RULES);
        String by = person.userId();
        if (effectiveFrom.isBefore(time.today())) {
            throw new BadRequestException("effectiveFrom", "生效日期不能早于今天：已经过去的时段沿用当时的规则。");
        }
        var deployment = repository.createDeployment().name(DEPLOYMENT).source(DEPLOYMENT)
                .addInputStream("processes/" + candidate.table().file(), new ByteArrayInputStream(candidate.bytes()))
                .deployWithResult();
        DecisionDefinition d = deployment.getDeployedDecisionDefinitions().get(0);
        OffsetDateTime now = time.now();
        jdbc.sql("""
                insert into rule_version (decision_key, version, effective_from, recorded_by, recorded_at, note)
                values (?, ?, ?, ?, ?, ?)""").params(d.getKey(), d.getVersion(), effectiveFrom, by, now, note).update();
        return new Version(d.getKey(), candidate.table().label(), d.getVersion(), effectiveFrom, by, now, note);
    }

    public List<Version> versions() {
        return jdbc.sql("select * from rule_version order by decision_key, version desc").query((rs, i) -> {
            String key = rs.getString("decision_key");
            return new Version(key, RuleTable.ofKey(key).map(RuleTable::label).orElse(key), rs.getInt("version"),
                    rs.getObject("effective_from", LocalDate.class), rs.getString("recorded_by"),
                    rs.getObject("recorded_at", OffsetDateTime.class), rs.getString("note"));
        }).list();
    }

    /** The DMN XML of a version, for download and editing in Camunda Modeler. */
    public byte[] xml(RuleTable table, int version) {
        DecisionDefinition d = repository.createDecisionDefinitionQuery().decisionDefinitionKey(table.key())
                .decisionDefinitionVersion(version).singleResult();
        if (d == null) {
            throw new cn.jianbao.web.NotFoundException("规则表版本不存在。");
        }
        return model(d);
    }
}
