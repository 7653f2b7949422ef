package cn.jianbao.assessment;

import cn.jianbao.directory.UnitKind;
import cn.jianbao.intake.SubmissionKind;
import cn.jianbao.intake.Urgency;
import cn.jianbao.web.BadRequestException;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Description;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;

/**
 * A rule table as the office reads and changes it: one row per rule, named in Chinese by the values it
 * answers (单独刊发, 乡镇街道 · 简报信息), one column per output (积分, 合报计分) holding a number or one of
 * a few named choices. A change writes new literals into the cells of the version it started from, so
 * the DMN is made here, never typed; what comes out is checked as any uploaded table is
 * ({@link RuleTableLiterals}, then {@link RuleBook#check}).
 */
final class RuleGrid {

    /** A column: a number (积分, 元, 小时, 条) or one of named choices. */
    record Column(String name, String label, String type, List<Option> options) {
    }

    record Option(String value, String label) {
    }

    /** A rule: its id in the table, its name, and its cells by column name. */
    record Row(String id, String label, Map<String, Object> values) {
    }

    record Grid(String key, String label, int version, List<Column> columns, List<Row> rows) {
    }

    /** What an input value means, for the rows' names. */
    private static final Map<String, String> INPUT_LABELS = inputLabels();
    /** The choices of the text outputs our tables have. */
    private static final Map<String, List<Option>> CHOICES = Map.of(
            "credit", List.of(new Option("full", "每家单位全额计分"), new Option("split", "参与单位均分")),
            // the quota windows of quota.Window (which depends on this module, not the other way round)
            "per", List.of(new Option("week", "每周"), new Option("half_month", "每半月"), new Option("month", "每月"),
                    new Option("quarter", "每季度")));
    private static final BigDecimal MAX = new BigDecimal("1000000");

    private RuleGrid() {
    }

    private static Map<String, String> inputLabels() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("standalone", "单独刊发");
        m.put("comprehensive", "综合采用");
        m.putAll(Assessment.LEVELS);
        m.putAll(Assessment.REASONS);
        for (UnitKind k : UnitKind.values()) {
            m.put(k.code(), k.label());
        }
        m.put("briefing", "简报信息");
        m.put("news_lead", SubmissionKind.NEWS_LEAD.label());
        for (Urgency u : Urgency.values()) {
            m.put(u.code(), u.label());
        }
        return m;
    }

    /** The grid of a table's version (a checked one: installed versions are). */
    static Grid read(RuleTable table, int version, byte[] xml) {
        DecisionTable t = table(Dmn.readModelFromStream(new ByteArrayInputStream(xml)));
        List<Output> outputs = new ArrayList<>(t.getOutputs());
        List<Column> columns = outputs.stream().map(o -> {
            String label = o.getLabel() == null || o.getLabel().isBlank() ? o.getName() : o.getLabel();
            List<Option> options = CHOICES.get(o.getName());
            return number(o) ? new Column(o.getName(), label, "number", List.of())
                    : new Column(o.getName(), label, "choice", options == null ? List.of() : options);
        }).toList();
        List<Row> rows = new ArrayList<>();
        for (Rule r : t.getRules()) {
            List<OutputEntry> cells = new ArrayList<>(r.getOutputEntries());
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < outputs.size() && i < cells.size(); i++) {
                String text = cells.get(i).getText() == null ? "" : cells.get(i).getText().getTextContent().strip();
                values.put(outputs.get(i).getName(), number(outputs.get(i)) ? new BigDecimal(text.isEmpty() ? "0" : text)
                        : unquote(text));
            }
            rows.add(new Row(r.getId(), label(r), values));
        }
        return new Grid(table.key(), table.label(), version, columns, rows);
    }

    /**
     * The table with the given cells changed ({@code changes}: rule id → column → value); every other
     * byte as it was. Values are checked against their column: a number in range, or one of the choices.
     */
    static byte[] write(byte[] xml, Map<String, Map<String, Object>> changes) {
        DmnModelInstance model = Dmn.readModelFromStream(new ByteArrayInputStream(xml));
        DecisionTable t = table(model);
        List<Output> outputs = new ArrayList<>(t.getOutputs());
        Map<String, Rule> rules = new LinkedHashMap<>();
        t.getRules().forEach(r -> rules.put(r.getId(), r));
        if (changes == null || changes.isEmpty()) {
            throw new BadRequestException("rows", "没有要修改的数值。");
        }
        for (var change : changes.entrySet()) {
            Rule rule = rules.get(change.getKey());
            if (rule == null) {
                throw new BadRequestException("rows", "规则表中没有这一行，请刷新页面后重试。");
            }
            List<OutputEntry> cells = new ArrayList<>(rule.getOutputEntries());
            for (var cell : change.getValue().entrySet()) {
                int i = indexOf(outputs, cell.getKey());
                if (i < 0 || i >= cells.size()) {
                    throw new BadRequestException("rows", "规则表中没有“" + cell.getKey() + "”这一列，请刷新页面后重试。");
                }
                String where = label(rule) + "的" + columnLabel(outputs.get(i));
                if (cells.get(i).getText() == null) {
                    throw new BadRequestException("rows", where + "在规则文件中没有单元格，请用规则文件上传修改。");
                }
                cells.get(i).getText().setTextContent(literal(outputs.get(i), cell.getValue(), where));
            }
            // a description that quoted the old figures (…：每周至少报送1条) would now mislead
            Description d = rule.getDescription();
            if (d != null) {
                d.setTextContent(label(rule));
            }
        }
        return Dmn.convertToString(model).getBytes(StandardCharsets.UTF_8);
    }

    private static String literal(Output column, Object value, String where) {
        if (value == null || value.toString().isBlank()) {
            throw new BadRequestException("rows", "请填写" + where + "。");
        }
        if (number(column)) {
            BigDecimal n;
            try {
                n = new BigDecimal(value.toString().strip());
            } catch (NumberFormatException e) {
                throw new BadRequestException("rows", where + "应为数字，如 8 或 2.5。");
            }
            if (n.abs().compareTo(MAX) > 0) {
                throw new BadRequestException("rows", where + "超出范围（绝对值不超过1000000）。");
            }
            boolean whole = "integer".equals(column.getTypeRef()) || "long".equals(column.getTypeRef());
            if (whole && n.stripTrailingZeros().scale() > 0) {
                throw new BadRequestException("rows", where + "应为整数。");
            }
            if (n.stripTrailingZeros().scale() > 2) {
                throw new BadRequestException("rows", where + "最多保留两位小数。");
            }
            return n.stripTrailingZeros().toPlainString();
        }
        List<Option> options = CHOICES.getOrDefault(column.getName(), List.of());
        String v = value.toString().strip();
        if (options.stream().noneMatch(o -> o.value().equals(v))) {
            throw new BadRequestException("rows", where + "应为："
                    + String.join("、", options.stream().map(Option::label).toList()) + "。");
        }
        return "\"" + v + "\"";
    }

    private static DecisionTable table(DmnModelInstance model) {
        Decision decision = model.getModelElementsByType(Decision.class).iterator().next();
        if (!(decision.getExpression() instanceof DecisionTable t)) {
            throw new BadRequestException("rows", "这张规则表不是决策表，请用规则文件上传。");
        }
        return t;
    }

    /** A rule by the values it answers in Chinese; its description where one is unknown. */
    private static String label(Rule r) {
        List<String> parts = new ArrayList<>();
        for (InputEntry e : r.getInputEntries()) {
            String code = unquote(e.getText() == null ? "" : e.getText().getTextContent().strip());
            String label = INPUT_LABELS.get(code);
            if (label == null) {
                String d = r.getDescription() == null ? null : r.getDescription().getTextContent();
                return d == null || d.isBlank() ? "第" + (rowIndex(r) + 1) + "行" : d.strip();
            }
            parts.add(label);
        }
        return String.join(" · ", parts);
    }

    private static int rowIndex(Rule r) {
        return new ArrayList<>(((DecisionTable) r.getParentElement()).getRules()).indexOf(r);
    }

    private static boolean number(Output o) {
        return o.getTypeRef() != null && List.of("integer", "long", "double", "number").contains(o.getTypeRef());
    }

    private static String columnLabel(Output o) {
        return o.getLabel() == null || o.getLabel().isBlank() ? o.getName() : o.getLabel();
    }

    private static int indexOf(List<Output> outputs, String name) {
        for (int i = 0; i < outputs.size(); i++) {
            if (outputs.get(i).getName().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String unquote(String text) {
        return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"") ? text.substring(1, text.length() - 1) : text;
    }
}
