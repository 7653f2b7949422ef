package cn.jianbao.assessment;

import cn.jianbao.web.BadRequestException;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * A rule table is data, never code: every DMN file that enters the system (upload, preview, the
 * defaults, a version already installed, any deployment into the engine) is read here, before any
 * DMN engine sees it, and refused unless it is one decision table whose cells are FEEL literals:
 * input entries are quoted values (or lists of them, numbers, comparisons with a number, "-"),
 * output entries a literal of their column's type, input expressions a plain variable name, and no
 * element names another expression language. JUEL reaches {@code Class.forName}; scripts and FEEL
 * function calls are code too, so the grammar here is a whitelist, not a list of what is known bad.
 */
public final class RuleTableLiterals {

    private static final Set<String> DMN_MODEL = Set.of("http://www.omg.org/spec/DMN/20151101/dmn.xsd",
            "http://www.omg.org/spec/DMN/20180521/MODEL/", "https://www.omg.org/spec/DMN/20191111/MODEL/",
            "https://www.omg.org/spec/DMN/20211108/MODEL/", "https://www.omg.org/spec/DMN/20230324/MODEL/");
    /** Diagram interchange (positions of the boxes): data for Modeler only. */
    private static final Pattern DIAGRAM = Pattern.compile("https?://www\\.omg\\.org/spec/DMN/\\d+/(DMNDI|DC|DI)/?");
    private static final String CAMUNDA = "http://camunda.org/schema/1.0/dmn";
    private static final String MODELER = "http://camunda.org/schema/modeler/1.0";
    private static final Set<String> FEEL = Set.of(DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE,
            DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_ALTERNATIVE,
            DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN12,
            DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN13,
            DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN14,
            DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN15);
    private static final Set<String> ELEMENTS = Set.of("definitions", "decision", "decisionTable", "input",
            "inputExpression", "output", "rule", "inputEntry", "outputEntry", "text", "description", "annotationEntry",
            "inputValues", "outputValues");
    private static final Set<String> CAMUNDA_ATTRIBUTES = Set.of("inputVariable", "historyTimeToLive", "versionTag");
    private static final Set<String> HIT_POLICIES = Set.of("UNIQUE", "FIRST", "ANY", "PRIORITY");
    private static final Set<String> NUMBER_TYPES = Set.of("integer", "long", "double", "number");

    private static final String STRING = "\"[^\"\\\\\\p{Cntrl}]{0,200}\"";
    private static final String NUMBER = "-?\\d{1,12}(\\.\\d{1,6})?";
    private static final String TEST = "(" + STRING + "|(<=|>=|<|>|=|!=)?\\s*" + NUMBER
            + "|[\\[(\\]]\\s*" + NUMBER + "\\s*\\.\\.\\s*" + NUMBER + "\\s*[\\])\\[])";
    private static final String TESTS = TEST + "(\\s*,\\s*" + TEST + "){0,49}";
    /** FEEL unary tests made of literals only. */
    private static final Pattern UNARY_TESTS = Pattern.compile("-?|" + TESTS + "|not\\(\\s*" + TESTS + "\\s*\\)");
    private static final Pattern STRINGS = Pattern.compile(STRING + "(\\s*,\\s*" + STRING + "){0,99}");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final int MAX_RULES = 500;

    private RuleTableLiterals() {
    }

    /** Refuses the file, naming the entry, unless it is a decision table of literals only. */
    public static void check(byte[] xml) {
        Document doc = parse(xml);
        Element root = doc.getDocumentElement();
        if (!isDmn(root) || !"definitions".equals(root.getLocalName())) {
            throw refused("文件不是 DMN 规则表。请用 Camunda Modeler 保存为 DMN 文件后再上传。");
        }
        walk(root);
        List<Element> decisions = children(root, "decision");
        if (decisions.size() != 1) {
            throw refused("一个文件只能包含一张规则表。");
        }
        Element decision = decisions.get(0);
        List<Element> tables = children(decision, "decisionTable");
        if (tables.size() != 1 || children(decision).size() != tables.size() + children(decision, "description").size()) {
            throw refused("规则表“" + name(decision) + "”只能是一张决策表（不支持字面表达式、引用其他决策等）。");
        }
        table(tables.get(0));
    }

    private static void table(Element table) {
        String hitPolicy = table.getAttribute("hitPolicy");
        if (!hitPolicy.isEmpty() && !HIT_POLICIES.contains(hitPolicy)) {
            throw refused("命中策略“" + hitPolicy + "”不受支持：请使用 UNIQUE（每个输入值只有一行规则）。");
        }
        if (table.hasAttribute("aggregation")) {
            throw refused("规则表不能汇总多行结果（aggregation）：每个输入值只能对应一行规则。");
        }
        List<Element> inputs = children(table, "input");
        List<Element> outputs = children(table, "output");
        if (inputs.isEmpty() || outputs.isEmpty()) {
            throw refused("规则表至少要有一个输入列和一个输出列。");
        }
        for (Element input : inputs) {
            String label = column(input, "输入列");
            List<Element> expressions = children(input, "inputExpression");
            String text = expressions.size() == 1 ? text(expressions.get(0)) : "";
            if (!IDENTIFIER.matcher(text).matches()) {
                throw refused(label + "的输入表达式只能是变量名（如 adoption），不能是“" + shown(text) + "”。");
            }
            String variable = input.getAttributeNS(CAMUNDA, "inputVariable");
            if (!variable.isEmpty() && !IDENTIFIER.matcher(variable).matches()) {
                throw refused(label + "的输入变量名“" + shown(variable) + "”不正确。");
            }
            for (Element values : children(input, "inputValues")) {
                literals(values, label + "的可选值");
            }
        }
        for (Element output : outputs) {
            String type = output.getAttribute("typeRef").toLowerCase(Locale.ROOT);
            if (!type.isEmpty() && !NUMBER_TYPES.contains(type) && !type.equals("string") && !type.equals("boolean")) {
                throw refused(column(output, "输出列") + "的类型“" + type + "”不受支持：只能是数字、文字或是/否。");
            }
            for (Element values : children(output, "outputValues")) {
                literals(values, column(output, "输出列") + "的可选值");
            }
        }
        List<Element> rules = children(table, "rule");
        if (rules.size() > MAX_RULES) {
            throw refused("规则表最多 " + MAX_RULES + " 行规则。");
        }
        for (int r = 0; r < rules.size(); r++) {
            Element rule = rules.get(r);
            String where = "第" + (r + 1) + "行规则" + described(rule);
            List<Element> ins = children(rule, "inputEntry");
            List<Element> outs = children(rule, "outputEntry");
            if (ins.size() != inputs.size() || outs.size() != outputs.size()) {
                throw refused(where + "的格数与表头不一致。");
            }
            for (int i = 0; i < ins.size(); i++) {
                String text = text(ins.get(i));
                if (!UNARY_TESTS.matcher(text).matches()) {
                    throw refused(where + "“" + label(inputs.get(i)) + "”一格只能填写加引号的值（如 \"standalone\"）、"
                            + "数字或“-”，不能是“" + shown(text) + "”。");
                }
            }
            for (int i = 0; i < outs.size(); i++) {
                output(outs.get(i), outputs.get(i), where);
            }
        }
    }

    private static void output(Element entry, Element column, String where) {
        String text = text(entry);
        String type = column.getAttribute("typeRef").toLowerCase(Locale.ROOT);
        String cell = where + "“" + label(column) + "”一格";
        boolean ok = switch (type) {
            case "integer", "long" -> text.matches("-?\\d{1,12}");
            case "double", "number" -> text.matches(NUMBER);
            case "boolean" -> text.equals("true") || text.equals("false");
            case "string" -> text.matches(STRING);
            default -> text.matches(NUMBER) || text.matches(STRING);
        };
        if (!ok) {
            String expected = switch (type) {
                case "integer", "long" -> "整数";
                case "double", "number" -> "数字（如 10 或 2.5）";
                case "boolean" -> "true 或 false";
                case "string" -> "加引号的文字（如 \"full\"）";
                default -> "数字或加引号的文字";
            };
            throw refused(cell + "只能填写" + expected + "，不能是“" + shown(text) + "”。");
        }
    }

    private static void literals(Element values, String what) {
        String text = text(values);
        if (!STRINGS.matcher(text).matches()) {
            throw refused(what + "只能是加引号的值的列表，不能是“" + shown(text) + "”。");
        }
    }

    /** Every element is one a decision table of literals has; no attribute names another language. */
    private static void walk(Element element) {
        if (isDiagram(element)) {
            return; // positions and sizes for Modeler; nothing in them is evaluated
        }
        if (!isDmn(element) || !ELEMENTS.contains(element.getLocalName())) {
            throw refused("规则表中不能有“" + element.getTagName() + "”元素：只能是一张决策表，各格填写数值。");
        }
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr a = (Attr) attributes.item(i);
            String ns = a.getNamespaceURI();
            String local = a.getLocalName() == null ? a.getName() : a.getLocalName();
            if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(ns) || MODELER.equals(ns)) {
                continue;
            }
            if (CAMUNDA.equals(ns) && !CAMUNDA_ATTRIBUTES.contains(local)) {
                throw refused("规则表中不能使用 camunda:" + local + " 属性" + at(element) + "。");
            }
            if (ns != null && !CAMUNDA.equals(ns) && !isDmnNamespace(ns)) {
                throw refused("规则表中不能使用“" + a.getName() + "”属性" + at(element) + "。");
            }
            if ((local.equals("expressionLanguage") || local.equals("typeLanguage"))
                    && !FEEL.contains(a.getValue().strip().toLowerCase(Locale.ROOT))
                    && !FEEL.contains(a.getValue().strip())) {
                throw refused("规则表只能使用 FEEL 字面值" + at(element) + "，不能使用表达式语言“" + shown(a.getValue())
                        + "”。");
            }
        }
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                walk(child);
            } else if (n.getNodeType() == Node.PROCESSING_INSTRUCTION_NODE || n.getNodeType() == Node.ENTITY_REFERENCE_NODE) {
                throw refused("规则表中含有不允许的 XML 内容。");
            }
        }
    }

    private static Document parse(byte[] xml) {
        if (xml == null || xml.length == 0) {
            throw new BadRequestException("file", "请选择规则表文件（.dmn）。");
        }
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            var builder = f.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw refused("规则表无法解析，请用 Camunda Modeler 保存为 DMN 文件后再上传。");
        }
    }

    private static boolean isDmn(Element e) {
        return isDmnNamespace(e.getNamespaceURI()) && DMN_MODEL.contains(e.getNamespaceURI());
    }

    private static boolean isDmnNamespace(String ns) {
        return ns != null && (DMN_MODEL.contains(ns) || DIAGRAM.matcher(ns).matches());
    }

    private static boolean isDiagram(Element e) {
        return e.getNamespaceURI() != null && DIAGRAM.matcher(e.getNamespaceURI()).matches();
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && !isDiagram(e)) {
                out.add(e);
            }
        }
        return out;
    }

    private static List<Element> children(Element parent, String localName) {
        return children(parent).stream().filter(e -> localName.equals(e.getLocalName())).toList();
    }

    /** The text of an entry's {@code <text>}, trimmed; an entry without one is empty. */
    private static String text(Element entry) {
        List<Element> texts = children(entry, "text");
        return texts.isEmpty() ? "" : texts.get(0).getTextContent().strip();
    }

    private static String name(Element e) {
        return !e.getAttribute("name").isBlank() ? e.getAttribute("name") : e.getAttribute("id");
    }

    private static String column(Element column, String kind) {
        return kind + "“" + label(column) + "”";
    }

    private static String label(Element column) {
        return !column.getAttribute("label").isBlank() ? column.getAttribute("label")
                : !column.getAttribute("name").isBlank() ? column.getAttribute("name") : column.getAttribute("id");
    }

    private static String described(Element rule) {
        List<Element> description = children(rule, "description");
        String d = description.isEmpty() ? "" : description.get(0).getTextContent().strip();
        return d.isEmpty() ? "" : "（" + shown(d) + "）";
    }

    private static String at(Element e) {
        String id = e.getAttribute("id");
        return id.isEmpty() ? "（" + e.getLocalName() + "）" : "（" + e.getLocalName() + " " + shown(id) + "）";
    }

    /** What was found, short enough for a message. */
    private static String shown(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() > 80 ? one.substring(0, 80) + "…" : one;
    }

    private static BadRequestException refused(String message) {
        return new BadRequestException("file", message);
    }
}
