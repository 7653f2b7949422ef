package cn.jianbao.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every row of the default rule tables (processes/*.dmn), as the seeds and the domain notes give
 * them; and that an unknown input has no row (the ledger then refuses rather than guesses).
 */
class RuleTablesTest {

    private static final DmnEngine DMN = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

    private static DmnDecision table(RuleTable t) throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("processes", t.file()))) {
            return DMN.parseDecision(t.key(), in);
        }
    }

    private static Map<String, Object> evaluate(RuleTable t, String input) throws Exception {
        var result = DMN.evaluateDecision(table(t), Variables.createVariables().putValue(t.input(), input)).getSingleResult();
        return result == null ? null : result.getEntryMap();
    }

    @ParameterizedTest(name = "{0}({1}) = {2}")
    @CsvSource({
        "ADOPTION, standalone, 10", "ADOPTION, comprehensive, 3",
        "HIGHER_ADOPTION, city, 10", "HIGHER_ADOPTION, province, 20", "HIGHER_ADOPTION, national, 30",
        "HIGHER_ADOPTION, central, 50",
        "INSTRUCTION, county, 10", "INSTRUCTION, city, 30", "INSTRUCTION, province, 40", "INSTRUCTION, national, 50",
        "MEDIA_USE, county, 2", "MEDIA_USE, city, 2", "MEDIA_USE, province, 2", "MEDIA_USE, national, 2",
        "DEDUCTION, late, -100", "DEDUCTION, missing, -200", "DEDUCTION, concealed, -200", "DEDUCTION, untrue, -50",
        "DEDUCTION, quota_missed, -30", "DEDUCTION, commission_unanswered, -10", "DEDUCTION, feedback_missing, -10",
        "REMUNERATION, standalone, 200", "REMUNERATION, comprehensive, 50"})
    void everyRowOfTheDefaultTables(RuleTable table, String input, double expected) throws Exception {
        Map<String, Object> result = evaluate(table, input);
        assertThat(((Number) result.get(table.output())).doubleValue()).isEqualTo(expected);
        if (table == RuleTable.ADOPTION) {
            assertThat(result.get("credit")).isEqualTo("full"); // each unit of a comprehensive issue in full
        }
        assertThat(table.inputs()).contains(input);
    }

    @ParameterizedTest
    @CsvSource({"ADOPTION, rejected", "HIGHER_ADOPTION, county", "INSTRUCTION, central", "DEDUCTION, sloppy", "REMUNERATION, x"})
    void anInputWithoutARowHasNoAnswer(RuleTable table, String input) throws Exception {
        assertThat(evaluate(table, input)).isNull();
        assertThatThrownBy(() -> RuleBook.answer(table, table(table), input, 1))
                .hasMessageContaining("没有“" + input + "”的计分规则");
    }
}
