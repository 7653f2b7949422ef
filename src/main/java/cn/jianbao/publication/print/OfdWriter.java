package cn.jianbao.publication.print;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.ofdrw.font.Font;
import org.ofdrw.font.FontName;
import org.ofdrw.layout.OFDDoc;
import org.ofdrw.layout.PageLayout;
import org.ofdrw.layout.element.AFloat;
import org.ofdrw.layout.element.Clear;
import org.ofdrw.layout.element.Div;
import org.ofdrw.layout.element.Paragraph;
import org.ofdrw.layout.element.Position;
import org.ofdrw.layout.element.Span;
import org.ofdrw.layout.element.TextAlign;
import org.springframework.stereotype.Component;

/**
 * The issue as OFD (GB/T 33190), laid out by ofdrw: the same layout as the PDF, in the fonts
 * every OFD reader in China has (仿宋, 黑体, 楷体; referenced, not embedded). Units are mm.
 */
@Component
class OfdWriter {

    private static final double PT = 25.4 / 72; // one point in mm
    private static final double BODY = 16 * PT;
    private static final double SMALL = 14 * PT;
    private static final double TITLE = 22 * PT;
    private static final double MASTHEAD = 48 * PT;
    private static final double WIDTH = 210 - 28 - 26; // the text block of A4 with GB/T 9704's margins
    private static final int[] RED = {212, 0, 0};

    byte[] write(PrintedIssue issue) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OFDDoc doc = new OFDDoc(out)) {
            PageLayout a4 = PageLayout.A4();
            a4.setMargin(37d, 26d, 35d, 28d);
            doc.setDefaultPageLayout(a4);
            try {
                // the issue's day and an id from the issue, not today and a random one: made again, the same file
                doc.getOfdDir().getOfd().getDocBody().getDocInfo()
                        .setDocID(java.util.UUID.nameUUIDFromBytes((issue.name() + "\n" + issue.title())
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        .setCreationDate(issue.date()).setModDate(issue.date());
            } catch (java.io.FileNotFoundException | org.dom4j.DocumentException e) {
                throw new IOException(e);
            }
            doc.onPage(page -> {
                Paragraph number = paragraph("— " + page.getPageNum() + " —", song(), SMALL, TextAlign.center);
                number.setPosition(Position.Absolute);
                number.setXY(28d, 297d - 35d + 8d);
                page.add(number);
            });

            if (issue.numberedCopies()) {
                doc.add(paragraph("份号：", hei(), BODY, TextAlign.left));
            }
            if (issue.mark() != null) {
                doc.add(paragraph(issue.mark(), hei(), BODY, TextAlign.left));
            }
            Paragraph masthead = new Paragraph().setWidth(WIDTH);
            Span title = new Span(hei(), MASTHEAD, issue.seriesLabel()).setColor(RED).setLetterSpacing(16 * PT);
            masthead.add(title).setTextAlign(TextAlign.center).setMargin(6d, 0d, 4d, 0d);
            doc.add(masthead);
            doc.add(paragraph(issue.numberLabel(), song(), BODY, TextAlign.center));
            Paragraph office = paragraph(issue.officeName(), song(), BODY, TextAlign.left);
            office.setWidth(WIDTH / 2).setFloat(AFloat.left).setMarginTop(4d);
            Paragraph date = paragraph(issue.dateLabel(), song(), BODY, TextAlign.right);
            date.setWidth(WIDTH / 2).setFloat(AFloat.right).setMarginTop(4d);
            doc.add(office);
            doc.add(date);
            doc.add(rule(RED, 0.55, 2d, 8d).setClear(Clear.both));
            if (issue.showsTitle()) {
                doc.add(paragraph(issue.title(), hei(), TITLE, TextAlign.center).setMarginBottom(6d));
            }
            if (issue.hasLead()) {
                List<String> lead = PrintedIssue.paragraphs(issue.lead());
                for (int i = 0; i < lead.size(); i++) {
                    Paragraph p = new Paragraph().setWidth(WIDTH);
                    if (i == 0) {
                        p.add(new Span(hei(), BODY, "编者按："));
                    }
                    p.add(new Span(kai(), BODY, lead.get(i)));
                    p.setLineSpace(BODY * 0.75);
                    p.setFirstLineIndent(2);
                    p.setIntegrity(false);
                    doc.add(p.setMarginBottom(i == lead.size() - 1 ? 4d : 0d));
                }
            }

            if (issue.listsHeadlines()) {
                doc.add(paragraph("【本期要目】", hei(), BODY, TextAlign.left));
                for (PrintedIssue.Article a : issue.articles()) {
                    doc.add(paragraph("■" + a.headline(), song(), BODY, TextAlign.left));
                }
            }
            for (PrintedIssue.Article a : issue.articles()) {
                doc.add(paragraph(a.headline(), hei(), TITLE, TextAlign.center).setMarginTop(10d));
                doc.add(paragraph("（" + a.byline() + "）", kai(), BODY, TextAlign.center).setMarginBottom(4d));
                for (String p : a.paragraphs()) {
                    Paragraph body = paragraph(p, song(), BODY, TextAlign.left);
                    body.setFirstLineIndent(2);
                    body.setIntegrity(false); // a long paragraph continues on the next page
                    doc.add(body);
                }
            }

            doc.add(rule(new int[] {0, 0, 0}, 0.35, 14d, 1d));
            distribution(doc, "报：", issue.report());
            distribution(doc, "送：", issue.send());
            distribution(doc, "发：", issue.issue());
            doc.add(rule(new int[] {0, 0, 0}, 0.25, 1d, 1d));
            Paragraph printedBy = paragraph(issue.officeName(), song(), SMALL, TextAlign.left);
            printedBy.setWidth(WIDTH / 2).setFloat(AFloat.left);
            Paragraph printedOn = paragraph(issue.dateLabel() + "印发", song(), SMALL, TextAlign.right);
            printedOn.setWidth(WIDTH / 2).setFloat(AFloat.right);
            doc.add(printedBy);
            doc.add(printedOn);
            doc.add(rule(new int[] {0, 0, 0}, 0.35, 1d, 1d).setClear(Clear.both));
            doc.add(paragraph("（共印" + issue.printRun() + "份）", song(), SMALL, TextAlign.right));
        }
        return StableZip.dated(out.toByteArray(), issue.date());
    }

    private static Paragraph paragraph(String text, Font font, double size, TextAlign align) {
        Paragraph p = new Paragraph().setWidth(WIDTH);
        p.add(new Span(font, size, text == null ? "" : text));
        p.setLineSpace(size * 0.75);
        p.setTextAlign(align);
        p.setIntegrity(true);
        return p;
    }

    private static Div<?> rule(int[] color, double thickness, double before, double after) {
        Div<?> d = new Div<>(WIDTH, thickness);
        d.setBackgroundColor(color);
        d.setMargin(before, 0d, after, 0d);
        // a rule is never split across pages (ofdrw would split a fixed-height box without end)
        d.setIntegrity(true);
        return d;
    }

    private static void distribution(OFDDoc doc, String label, List<String> names) {
        if (names.isEmpty()) {
            return;
        }
        // a long list continues on the next page
        doc.add(paragraph(label + String.join("，", names), song(), SMALL, TextAlign.left).setMargin(1d, 0d, 1d, 0d)
                .setIntegrity(false));
    }

    private static Font song() {
        return FontName.FangSong.font();
    }

    private static Font hei() {
        return FontName.SimHei.font();
    }

    private static Font kai() {
        return FontName.KaiTi.font();
    }
}
