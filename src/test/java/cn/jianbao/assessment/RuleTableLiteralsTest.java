package cn.jianbao.assessment;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** What a rule table's cells may hold: literals, written as the office writes them; nothing else. */
class RuleTableLiteralsTest {

    private static String adoption() throws Exception {
        return Files.readString(Path.of("processes", "adoption-points.dmn"));
    }

    private static void check(String xml) {
        RuleTableLiterals.check(xml.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @EnumSource(RuleTable.class)
    void everyDefaultTableIsLiteralsOnly(RuleTable table) throws Exception {
        assertThatCode(() -> check(Files.readString(Path.of("processes", table.file())))).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "input entry {0}")
    @CsvSource(delimiter = '|', value = {"\"standalone\"", "\"standalone\",\"comprehensive\"", "-", "''",
            "not(\"standalone\")", "> 3", "[1..5]", "\"单独刊发\""})
    void inputEntriesMayBeLiteralTests(String entry) throws Exception {
        String xml = adoption().replace("<inputEntry id=\"UnaryTests_standalone\"><text>\"standalone\"</text>",
                "<inputEntry id=\"UnaryTests_standalone\"><text>" + entry.replace("\"", "&quot;") + "</text>");
        assertThatCode(() -> check(xml)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "input entry {0}")
    @CsvSource(delimiter = '|', value = {"adoption", "\"a\" + \"b\"", "string length(\"x\") > 0",
            "\"a\\\"b\"", "date(\"2026-01-01\")", "${true}", "? = \"standalone\""})
    void inputEntriesThatComputeAreRefused(String entry) throws Exception {
        String xml = adoption().replace("<inputEntry id=\"UnaryTests_standalone\"><text>\"standalone\"</text>",
                "<inputEntry id=\"UnaryTests_standalone\"><text>" + entry.replace("&", "&amp;").replace("\"", "&quot;")
                        .replace("<", "&lt;") + "</text>");
        assertThatThrownBy(() -> check(xml)).hasMessageContaining("第1行规则（单独刊发）“采用方式”一格只能填写");
    }

    @ParameterizedTest(name = "points {0}")
    @CsvSource(delimiter = '|', value = {"10 + 1", "\"10\"", "abs(-10)", "null", "''", "1e3"})
    void numericOutputsAreNumbersOnly(String entry) throws Exception {
        String xml = adoption().replace("<outputEntry id=\"LiteralExpression_standalone_points\"><text>10</text>",
                "<outputEntry id=\"LiteralExpression_standalone_points\"><text>" + entry.replace("\"", "&quot;")
                        + "</text>");
        assertThatThrownBy(() -> check(xml)).hasMessageContaining("第1行规则（单独刊发）“积分”一格只能填写数字");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "<!DOCTYPE definitions [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>|无法解析",
        "<?xml-stylesheet href=\"x\"?>|不允许的 XML 内容"})
    void xmlTricksAreRefused(String trick, String words) throws Exception {
        String xml = trick.startsWith("<!DOCTYPE") ? adoption().replaceFirst("<definitions", trick + "<definitions")
                : adoption().replaceFirst("<decision ", trick + "<decision ");
        assertThatThrownBy(() -> check(xml)).hasMessageContaining(words);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "camunda:inputVariable=\"adoption\"|camunda:resultVariable=\"x\"|camunda:resultVariable",
        "hitPolicy=\"UNIQUE\"|hitPolicy=\"COLLECT\" aggregation=\"SUM\"|命中策略",
        "label=\"积分\" name=\"points\" typeRef=\"double\"|label=\"积分\" name=\"points\" typeRef=\"date\"|类型“date”"})
    void attributesThatChangeWhatRunsAreRefused(String from, String to, String words) throws Exception {
        String xml = adoption().replace(from, to);
        assertThatThrownBy(() -> check(xml)).hasMessageContaining(words);
    }
}
