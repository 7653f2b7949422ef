package cn.jianbao.publication.print;

import java.time.LocalDate;
import java.util.List;

/**
 * A published issue as it is printed: everything the three formats show, resolved to names and
 * the office's date once, so DOCX, PDF and OFD cannot disagree.
 *
 * @param mark           内部 or 限定范围 when any item is internal or restricted, else null
 * @param report         报 (names), {@code send} 送, {@code issue} 发
 * @param lead           the editor's note (编者按) before the articles, or null
 * @param numberedCopies each copy carries its 份号 (asked by the office, and always where classified)
 */
public record PrintedIssue(String seriesLabel, int year, int number, String title, String officeName,
                           LocalDate date, String mark, List<Article> articles, List<String> report,
                           List<String> send, List<String> issue, int printRun, String lead,
                           boolean numberedCopies) {

    /** An issue without 编者按 and without numbered copies. */
    public PrintedIssue(String seriesLabel, int year, int number, String title, String officeName,
                        LocalDate date, String mark, List<Article> articles, List<String> report,
                        List<String> send, List<String> issue, int printRun) {
        this(seriesLabel, year, number, title, officeName, date, mark, articles, report, send, issue, printRun,
                null, false);
    }

    /** 份号 as GB/T 9704 writes it: six digits. */
    public static String copyLabel(int copy) {
        return String.format("%06d", copy);
    }

    public boolean hasLead() {
        return lead != null && !lead.isBlank();
    }

    /** One article: its headline in the issue, the byline (unit and author) and its paragraphs. */
    public record Article(String headline, String unitName, String author, List<String> paragraphs) {

        public String byline() {
            return author == null || author.isBlank() ? unitName : unitName + "　" + author.strip();
        }
    }

    public String numberLabel() {
        return year + "年第" + number + "期";
    }

    public String dateLabel() {
        return date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
    }

    /** e.g. 简报2026年第3期 */
    public String name() {
        return seriesLabel + numberLabel();
    }

    /**
     * The issue's own headline is printed under the masthead when it says something the articles'
     * headlines do not: several articles, or one whose headline is another.
     */
    public boolean showsTitle() {
        return title != null && !title.isBlank()
                && (articles.size() != 1 || !title.strip().equals(articles.get(0).headline().strip()));
    }

    /** The headline list stands before the articles when there are several. */
    public boolean listsHeadlines() {
        return articles.size() > 1;
    }

    /** Paragraphs of a text as typed: one per non-empty line. */
    public static List<String> paragraphs(String text) {
        if (text == null) {
            return List.of();
        }
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
