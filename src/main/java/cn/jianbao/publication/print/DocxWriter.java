package cn.jianbao.publication.print;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xwpf.usermodel.Borders;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFooter;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTBorder;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STBorder;
import org.springframework.stereotype.Component;

/**
 * The issue as a Word document an office can edit and print: A4 with the margins of GB/T 9704,
 * the fonts offices use (仿宋_GB2312 body, 方正小标宋简体 masthead and titles, 楷体_GB2312 bylines and
 * 编者按, 黑体 labels; Word substitutes where a machine lacks them), the red masthead and rule, page numbers in the footer.
 */
@Component
class DocxWriter {

    private static final String RED = "D40000";
    private static final String SONG = "仿宋_GB2312";
    private static final String HEI = "黑体";
    private static final String KAI = "楷体_GB2312";
    private static final String MASTHEAD = "方正小标宋简体";
    private static final int BODY = 16; // 三号
    private static final int TITLE = 22; // 二号

    byte[] write(PrintedIssue issue) throws IOException {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            page(doc);
            doc.getProperties().getCoreProperties().setTitle(issue.name() + " " + issue.title());
            doc.getProperties().getCoreProperties().setCreator(issue.officeName());
            // the issue's day, not the hour the file was made: made again, it is the same file
            java.util.Date day = java.util.Date.from(issue.date().atTime(9, 0).atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant());
            doc.getProperties().getCoreProperties().setCreated(java.util.Optional.of(day));
            doc.getProperties().getCoreProperties().setModified(java.util.Optional.of(day));

            if (issue.numberedCopies()) {
                // the office numbers the copies it prints from Word; the PDF's copies come numbered
                text(doc, "份号：", HEI, BODY, null, ParagraphAlignment.LEFT);
            }
            if (issue.mark() != null) {
                text(doc, issue.mark(), HEI, BODY, null, ParagraphAlignment.LEFT);
            }
            XWPFParagraph masthead = text(doc, issue.seriesLabel(), MASTHEAD, 48, RED, ParagraphAlignment.CENTER);
            masthead.getRuns().get(0).setCharacterSpacing(16 * 20);
            masthead.setSpacingBefore(240);
            masthead.setSpacingAfter(120);
            text(doc, issue.numberLabel(), SONG, BODY, null, ParagraphAlignment.CENTER);
            XWPFTable issuer = doc.createTable(1, 2);
            noBorders(issuer);
            cell(issuer.getRow(0), 0, issue.officeName(), ParagraphAlignment.LEFT);
            cell(issuer.getRow(0), 1, issue.dateLabel(), ParagraphAlignment.RIGHT);
            rule(doc, RED, 12);
            if (issue.showsTitle()) {
                XWPFParagraph headline = text(doc, issue.title(), MASTHEAD, TITLE, null, ParagraphAlignment.CENTER);
                headline.setSpacingBefore(240);
                headline.setSpacingAfter(200);
            }
            if (issue.hasLead()) {
                List<String> lead = PrintedIssue.paragraphs(issue.lead());
                for (int i = 0; i < lead.size(); i++) {
                    XWPFParagraph p = doc.createParagraph();
                    p.setAlignment(ParagraphAlignment.BOTH);
                    p.setFirstLineIndent(BODY * 20 * 2);
                    if (i == 0) {
                        run(p, "编者按：", HEI, BODY, null);
                    }
                    run(p, lead.get(i), KAI, BODY, null);
                }
            }

            if (issue.listsHeadlines()) {
                text(doc, "【本期要目】", HEI, BODY, null, ParagraphAlignment.LEFT);
                for (PrintedIssue.Article a : issue.articles()) {
                    text(doc, "■" + a.headline(), SONG, BODY, null, ParagraphAlignment.LEFT);
                }
            }
            for (PrintedIssue.Article a : issue.articles()) {
                XWPFParagraph title = text(doc, a.headline(), MASTHEAD, TITLE, null, ParagraphAlignment.CENTER);
                title.setSpacingBefore(480);
                title.setKeepNext(true);
                XWPFParagraph byline = text(doc, "（" + a.byline() + "）", KAI, BODY, null, ParagraphAlignment.CENTER);
                byline.setKeepNext(true);
                byline.setSpacingAfter(200);
                for (String p : a.paragraphs()) {
                    XWPFParagraph para = text(doc, p, SONG, BODY, null, ParagraphAlignment.BOTH);
                    para.setFirstLineIndent(BODY * 20 * 2); // two characters
                }
            }

            rule(doc, "000000", 8).setSpacingBefore(600);
            distribution(doc, "报：", issue.report());
            distribution(doc, "送：", issue.send());
            distribution(doc, "发：", issue.issue());
            rule(doc, "000000", 4);
            XWPFTable printed = doc.createTable(2, 2);
            noBorders(printed);
            cell(printed.getRow(0), 0, issue.officeName(), ParagraphAlignment.LEFT);
            cell(printed.getRow(0), 1, issue.dateLabel() + "印发", ParagraphAlignment.RIGHT);
            cell(printed.getRow(1), 1, "（共印" + issue.printRun() + "份）", ParagraphAlignment.RIGHT);

            pageNumbers(doc);
            doc.write(out);
            return StableZip.dated(out.toByteArray(), issue.date());
        }
    }

    private static void page(XWPFDocument doc) {
        CTSectPr sect = doc.getDocument().getBody().isSetSectPr() ? doc.getDocument().getBody().getSectPr()
                : doc.getDocument().getBody().addNewSectPr();
        CTPageSz size = sect.isSetPgSz() ? sect.getPgSz() : sect.addNewPgSz();
        size.setW(BigInteger.valueOf(11906)); // A4 in twentieths of a point
        size.setH(BigInteger.valueOf(16838));
        CTPageMar mar = sect.isSetPgMar() ? sect.getPgMar() : sect.addNewPgMar();
        mar.setTop(BigInteger.valueOf(mm(37)));
        mar.setBottom(BigInteger.valueOf(mm(35)));
        mar.setLeft(BigInteger.valueOf(mm(28)));
        mar.setRight(BigInteger.valueOf(mm(26)));
    }

    private static long mm(double mm) {
        return Math.round(mm / 25.4 * 1440);
    }

    private static XWPFParagraph text(XWPFDocument doc, String text, String font, int size, String color,
                                      ParagraphAlignment align) {
        XWPFParagraph p = doc.createParagraph();
        p.setAlignment(align);
        run(p, text, font, size, color);
        return p;
    }

    private static XWPFRun run(XWPFParagraph p, String text, String font, int size, String color) {
        XWPFRun r = p.createRun();
        r.setText(text == null ? "" : text);
        r.setFontFamily(font, XWPFRun.FontCharRange.eastAsia);
        r.setFontFamily("Times New Roman", XWPFRun.FontCharRange.ascii);
        r.setFontFamily("Times New Roman", XWPFRun.FontCharRange.hAnsi);
        r.setFontSize(size);
        if (color != null) {
            r.setColor(color);
        }
        return r;
    }

    private static void cell(XWPFTableRow row, int index, String text, ParagraphAlignment align) {
        XWPFParagraph p = row.getCell(index).getParagraphs().get(0);
        p.setAlignment(align);
        run(p, text, SONG, BODY, null);
    }

    private static void noBorders(XWPFTable table) {
        table.setWidth("100%");
        table.removeBorders();
    }

    /** A paragraph with only a bottom border: the rule under the masthead and around the foot. */
    private static XWPFParagraph rule(XWPFDocument doc, String color, int eighthsOfPoint) {
        XWPFParagraph p = doc.createParagraph();
        p.setBorderBottom(Borders.SINGLE);
        CTBorder bottom = p.getCTPPr().getPBdr().getBottom();
        bottom.setVal(STBorder.SINGLE);
        bottom.setColor(color);
        bottom.setSz(BigInteger.valueOf(eighthsOfPoint));
        p.setSpacingAfter(120);
        return p;
    }

    private static void distribution(XWPFDocument doc, String label, List<String> names) {
        if (names.isEmpty()) {
            return;
        }
        XWPFParagraph p = doc.createParagraph();
        p.setIndentationLeft(14 * 20 * 4); // the names stand clear of 报：
        p.setIndentationHanging(14 * 20 * 3);
        run(p, label + String.join("，", names), SONG, 14, null);
    }

    private static void pageNumbers(XWPFDocument doc) {
        XWPFFooter footer = doc.createFooter(HeaderFooterType.DEFAULT);
        XWPFParagraph p = footer.createParagraph();
        p.setAlignment(ParagraphAlignment.CENTER);
        run(p, "— ", SONG, 14, null);
        p.getCTP().addNewFldSimple().setInstr("PAGE");
        run(p, " —", SONG, 14, null);
    }
}
