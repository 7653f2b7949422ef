package cn.jianbao.publication.print;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The XHTML our PDFs are laid out from, made from templates on the class path ({@code print/issue.xhtml},
 * {@code assessment/report.xhtml}) by Thymeleaf in XML mode: what it writes is well-formed, and every value
 * is escaped by the engine. Values are plain text; no template evaluates what a user typed.
 */
final class Templates {

    private static final TemplateEngine ENGINE = engine();

    private Templates() {
    }

    private static TemplateEngine engine() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(Templates.class.getClassLoader());
        resolver.setPrefix("");
        resolver.setSuffix(".xhtml");
        resolver.setTemplateMode(TemplateMode.XML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        TemplateEngine engine = new TemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }

    /** The template with these values: texts, numbers, booleans, and lists and maps of them. */
    static String render(String template, Map<String, Object> values) {
        @SuppressWarnings("unchecked")
        Map<String, Object> clean = (Map<String, Object>) clean(values);
        return ENGINE.process(template, new Context(Locale.ROOT, clean));
    }

    /** Every text with the characters XML 1.0 does not allow (control characters) dropped: no escape exists for them. */
    private static Object clean(Object value) {
        if (value instanceof String s) {
            StringBuilder b = new StringBuilder(s.length());
            s.codePoints().filter(c -> c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000).forEach(b::appendCodePoint);
            return b.toString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Templates::clean).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new HashMap<>();
            map.forEach((k, v) -> out.put(k, clean(v)));
            return out;
        }
        return value;
    }
}
