package cn.jianbao.publication.print;

import java.util.List;

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

    private static final String NUMBER = "content: \"— \" counter(page) \" —\"; font-family: jb-song; font-size: 14pt;"
            + " vertical-align: top; padding-top: 7mm;";

    private static final String CSS = """
            @page { size: A4; margin: 37mm 26mm 35mm 28mm; }
            @page :right { @bottom-right { %1$s padding-right: 14pt; text-align: right; } }
            @page :left { margin: 37mm 28mm 35mm 26mm; @bottom-left { %1$s padding-left: 14pt; text-align: left; } }
            @page bare { @bottom-right { content: none; } @bottom-left { content: none; } }
            .bare { page: bare; }
            .turn { page-break-before: always; }
            body { margin: 0; font-family: jb-song; font-size: 16pt; line-height: 28pt; color: #000; }
            p { margin: 0; }
            .copy { font-family: jb-hei; font-size: 16pt; }
            .mark { font-family: jb-hei; font-size: 16pt; }
            .masthead { text-align: center; color: #d40000; font-family: jb-title; font-size: 48pt; line-height: 64pt;
                        letter-spacing: 16pt; margin: 6mm 0 4mm 0; }
            .number { text-align: center; font-size: 16pt; }
            table.issuer { width: 100%%; border-collapse: collapse; margin-top: 4mm; }
            table.issuer td { padding: 0; font-size: 16pt; }
            td.right { text-align: right; }
            .red-rule { border-top: 1.5pt solid #d40000; margin: 2mm 0 8mm 0; height: 0; }
            .lead { font-family: jb-kai; text-indent: 2em; text-align: justify; margin-bottom: 6mm; }
            .lead-label { font-family: jb-hei; }
            .contents { margin-bottom: 6mm; }
            .contents-title { font-family: jb-hei; }
            .contents p { padding-left: 1em; text-indent: -1em; }
            h1.issue-title { font-family: jb-title; font-size: 22pt; line-height: 34pt; font-weight: normal;
                 text-align: center; margin: 6mm 0 4mm 0; }
            h2 { font-family: jb-title; font-size: 22pt; line-height: 34pt; font-weight: normal; text-align: center;
                 margin: 10mm 0 2mm 0; page-break-after: avoid; }
            .byline { font-family: jb-kai; text-align: center; margin-bottom: 4mm; page-break-after: avoid; }
            .body p { text-indent: 2em; text-align: justify; }
            .foot { page-break-inside: avoid; font-size: 14pt; line-height: 24pt; border-top: 1pt solid #000; }
            .foot-gap { height: 14mm; }
            .foot .rule { border-top: 1pt solid #000; height: 0; }
            .foot .rule-thin { border-top: 0.75pt solid #000; height: 0; }
            .foot .list { padding: 1mm 1em 1mm 4.5em; text-indent: -3.5em; }
            table.printed { width: 100%%; border-collapse: collapse; }
            table.printed td { padding: 1mm 1em; font-size: 14pt; }
            """.formatted(NUMBER);

    /** The id of an empty block right after the last article, and of the 版记: what the measuring pass finds. */
    static final String END_ID = "text-end";
    static final String FOOT_ID = "foot";

    static String of(PrintedIssue issue, Foot foot) {
        StringBuilder h = new StringBuilder(4096);
        h.append("<!DOCTYPE html><html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"zh-CN\"><head><meta charset=\"utf-8\"/>")
                .append("<title>").append(esc(issue.name())).append("</title><style>").append(CSS).append("</style></head><body>");
        if (issue.numberedCopies()) {
            // the line each copy's number is printed on (PdfWriter#copies): the master leaves it empty
            h.append("<p class=\"copy\">&#160;</p>");
        }
        if (issue.mark() != null) {
            h.append("<p class=\"mark\">").append(esc(issue.mark())).append("</p>");
        }
        h.append("<p class=\"masthead\">").append(esc(issue.seriesLabel())).append("</p>");
        h.append("<p class=\"number\">").append(esc(issue.numberLabel())).append("</p>");
        h.append("<table class=\"issuer\"><tr><td>").append(esc(issue.officeName())).append("</td><td class=\"right\">")
                .append(esc(issue.dateLabel())).append("</td></tr></table><div class=\"red-rule\"></div>");
        if (issue.showsTitle()) {
            h.append("<h1 class=\"issue-title\">").append(esc(issue.title())).append("</h1>");
        }
        if (issue.hasLead()) {
            List<String> lead = PrintedIssue.paragraphs(issue.lead());
            for (int i = 0; i < lead.size(); i++) {
                h.append("<p class=\"lead\">");
                if (i == 0) {
                    h.append("<span class=\"lead-label\">编者按：</span>");
                }
                h.append(esc(lead.get(i))).append("</p>");
            }
        }
        if (issue.listsHeadlines()) {
            h.append("<div class=\"contents\"><p class=\"contents-title\">【本期要目】</p>");
            for (PrintedIssue.Article a : issue.articles()) {
                h.append("<p>■").append(esc(a.headline())).append("</p>");
            }
            h.append("</div>");
        }
        for (PrintedIssue.Article a : issue.articles()) {
            h.append("<h2>").append(esc(a.headline())).append("</h2>");
            h.append("<p class=\"byline\">（").append(esc(a.byline())).append("）</p><div class=\"body\">");
            for (String p : a.paragraphs()) {
                h.append("<p>").append(esc(p)).append("</p>");
            }
            h.append("</div>");
        }
        h.append("<div id=\"").append(END_ID).append("\"></div>");
        String wrapEnd = "";
        if (foot.blankBefore()) {
            // a blank page, then the 版记's page: neither is numbered (GB/T 9704 7.5)
            h.append("<div class=\"bare\"><p>&#160;</p></div><div class=\"bare turn\">");
            wrapEnd = "</div>";
        }
        if (foot.natural()) {
            h.append("<div class=\"foot-gap\"></div>");
        } else {
            h.append("<div style=\"height: ").append(String.format(java.util.Locale.ROOT, "%.2f", Math.max(0, foot.spacer())))
                    .append("pt\"").append(foot.newPage() && !foot.blankBefore() ? " class=\"turn\"" : "").append("></div>");
        }
        h.append("<div id=\"").append(FOOT_ID).append("\" class=\"foot\">");
        list(h, "报：", issue.report());
        list(h, "送：", issue.send());
        list(h, "发：", issue.issue());
        h.append("<div class=\"rule-thin\"></div><table class=\"printed\"><tr><td>").append(esc(issue.officeName()))
                .append("</td><td class=\"right\">").append(esc(issue.dateLabel())).append("印发</td></tr></table>")
                .append("<div class=\"rule\"></div><table class=\"printed\"><tr><td></td><td class=\"right\">（共印")
                .append(issue.printRun()).append("份）</td></tr></table></div>").append(wrapEnd);
        h.append("</body></html>");
        return h.toString();
    }

    private static void list(StringBuilder h, String label, List<String> names) {
        if (names.isEmpty()) {
            return;
        }
        h.append("<p class=\"list\">").append(label).append(esc(String.join("，", names))).append("</p>");
    }

    /** XML text: every character a name or a body may hold is safe inside an element. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> {
                    // characters XML 1.0 does not allow (control characters) are dropped
                    if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                            || c >= 0x10000) {
                        b.appendCodePoint(c);
                    }
                }
            }
        });
        return b.toString();
    }
}
