package cn.jianbao.publication.print;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The printed layout of a briefing as XHTML for the PDF renderer, after GB/T 9704-2012 as
 * briefings use it: the copy number's line and classification mark top left, the red series
 * title, the number, issuing office and date above a red rule, the headline, 编者按, the headline
 * list, the articles, and the 版记 (报/送/发, 印发, print run) whose last line is the last line
 * of the last page ({@link Foot}, measured by {@link PdfWriter}). Page numbers "— n —" sit under
 * the text block, right on odd pages and left on even ones; the binding margin (订口) swaps sides
 * with them, as a double-sided copy is bound.
 */
final class XhtmlLayout {

    private XhtmlLayout() {
    }

    /**
     * Where the 版记 goes, in points of space before it: {@code natural} right after the text (only
     * to measure, or when it is taller than a page); otherwise after {@code spacer} points, on a new
     * page when {@code newPage}, after an unnumbered blank page when {@code blankBefore}.
     */
    record Foot(boolean natural, float spacer, boolean newPage, boolean blankBefore) {
        static final Foot NATURAL = new Foot(true, 0, false, false);
    }

    /** The id of an empty block right after the last article, and of the 版记: what the measuring pass finds. */
    static final String END_ID = "text-end";
    static final String FOOT_ID = "foot";

    /** The issue through the template {@code print/issue.xhtml}: every value escaped by Thymeleaf. */
    static String of(PrintedIssue issue, Foot foot) {
        Map<String, Object> v = new HashMap<>();
        v.put("name", issue.name());
        v.put("numberedCopies", issue.numberedCopies()); // the line each copy's number is printed on (PdfWriter#copies)
        v.put("mark", issue.mark());
        v.put("seriesLabel", issue.seriesLabel());
        v.put("numberLabel", issue.numberLabel());
        v.put("officeName", issue.officeName());
        v.put("dateLabel", issue.dateLabel());
        v.put("title", issue.showsTitle() ? issue.title() : null);
        v.put("lead", issue.hasLead() ? PrintedIssue.paragraphs(issue.lead()) : List.of());
        v.put("headlines", issue.listsHeadlines() ? issue.articles().stream().map(PrintedIssue.Article::headline).toList()
                : null);
        v.put("articles", issue.articles().stream().map(a -> Map.of("headline", Objects.requireNonNullElse(a.headline(), ""),
                "byline", Objects.requireNonNullElse(a.byline(), ""), "paragraphs", a.paragraphs())).toList());
        // a blank page, then the 版记's page: neither is numbered (GB/T 9704 7.5)
        v.put("blankBefore", foot.blankBefore());
        v.put("spacer", foot.natural() ? null
                : String.format(java.util.Locale.ROOT, "%.2f", Math.max(0, foot.spacer())));
        v.put("turn", foot.newPage() && !foot.blankBefore());
        v.put("report", list(issue.report()));
        v.put("send", list(issue.send()));
        v.put("issued", list(issue.issue()));
        v.put("printRun", issue.printRun());
        v.put("endId", END_ID);
        v.put("footId", FOOT_ID);
        return Templates.render("print/issue", v);
    }

    private static String list(List<String> names) {
        return names.isEmpty() ? null : String.join("，", names);
    }
}
