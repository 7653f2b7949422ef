package cn.jianbao.publication.print;

import java.util.List;

/**
 * The printed layout of a briefing as XHTML for the PDF renderer, after GB/T 9704-2012 as
 * briefings use it: copy number and classification mark top left, the red series title, the
 * number, issuing office and date above a red rule, the headline list, the articles, and the
 * distribution block with the 印发 line and print run at the foot.
 */
final class XhtmlLayout {

    private XhtmlLayout() {
    }

    private static final String CSS = """
            @page { size: A4; margin: 37mm 26mm 35mm 28mm;
              @bottom-center { content: "— " counter(page) " —"; font-family: jb-song; font-size: 14pt; } }
            body { font-family: jb-song; font-size: 16pt; line-height: 28pt; color: #000; }
            p { margin: 0; }
            .copy { font-family: jb-hei; font-size: 16pt; }
            .mark { font-family: jb-hei; font-size: 16pt; }
            .masthead { text-align: center; color: #d40000; font-family: jb-hei; font-size: 48pt; line-height: 64pt;
                        letter-spacing: 16pt; margin: 6mm 0 4mm 0; }
            .number { text-align: center; font-size: 16pt; }
            table.issuer { width: 100%; border-collapse: collapse; margin-top: 4mm; }
            table.issuer td { padding: 0; font-size: 16pt; }
            td.right { text-align: right; }
            .red-rule { border-top: 1.5pt solid #d40000; margin: 2mm 0 8mm 0; height: 0; }
            .contents { margin-bottom: 6mm; }
            .contents-title { font-family: jb-hei; }
            .contents p { padding-left: 1em; text-indent: -1em; }
            h1.issue-title { font-family: jb-hei; font-size: 22pt; line-height: 34pt; font-weight: normal;
                 text-align: center; margin: 6mm 0 4mm 0; }
            h2 { font-family: jb-hei; font-size: 22pt; line-height: 34pt; font-weight: normal; text-align: center;
                 margin: 10mm 0 2mm 0; page-break-after: avoid; }
            .byline { font-family: jb-kai; text-align: center; margin-bottom: 4mm; page-break-after: avoid; }
            .body p { text-indent: 2em; text-align: justify; }
            .foot { page-break-inside: avoid; margin-top: 14mm; font-size: 14pt; line-height: 24pt; }
            .foot .rule { border-top: 1pt solid #000; height: 0; }
            .foot .rule-thin { border-top: 0.75pt solid #000; height: 0; }
            .foot .list { padding: 1mm 1em 1mm 4.5em; text-indent: -3.5em; }
            table.printed { width: 100%; border-collapse: collapse; }
            table.printed td { padding: 1mm 1em; font-size: 14pt; }
            """;

    static String of(PrintedIssue issue) {
        StringBuilder h = new StringBuilder(4096);
        h.append("<!DOCTYPE html><html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"zh-CN\"><head><meta charset=\"utf-8\"/>")
                .append("<title>").append(esc(issue.name())).append("</title><style>").append(CSS).append("</style></head><body>");
        h.append("<p class=\"copy\">份号：</p>");
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
        h.append("<div class=\"foot\"><div class=\"rule\"></div>");
        list(h, "报：", issue.report());
        list(h, "送：", issue.send());
        list(h, "发：", issue.issue());
        h.append("<div class=\"rule-thin\"></div><table class=\"printed\"><tr><td>").append(esc(issue.officeName()))
                .append("</td><td class=\"right\">").append(esc(issue.dateLabel())).append("印发</td></tr></table>")
                .append("<div class=\"rule\"></div><table class=\"printed\"><tr><td></td><td class=\"right\">（共印")
                .append(issue.printRun()).append("份）</td></tr></table></div>");
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
