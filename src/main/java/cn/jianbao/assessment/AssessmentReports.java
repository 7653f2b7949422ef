package cn.jianbao.assessment;

import cn.jianbao.directory.Directory;
import cn.jianbao.directory.UnitDetails;
import cn.jianbao.directory.UnitKind;
import cn.jianbao.web.OfficeTime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.springframework.stereotype.Service;

/**
 * The 通报 of a period (monthly, quarterly or annual) as a Word document the office edits and
 * sends, the same figures as a spreadsheet, and the ledger of any period and unit as a spreadsheet.
 */
@Service
class AssessmentReports {

    private static final String[] HEADINGS = {"排名", "单位", "报送", "采用", "单独刊发", "综合采用", "上级采用", "批示", "媒体采用", "积分", "稿酬（元）"};
    /** Column widths of the 通报's tables in twips (8,845 = 15.6 cm, the text width of A4 under GB/T 9704). */
    private static final int[] WIDTHS = {560, 1800, 620, 620, 720, 720, 720, 620, 720, 720, 1025};
    private static final String RED = "C00000";

    private final Rankings rankings;
    private final Ledger ledger;
    private final Directory directory;
    private final OfficeTime time;

    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
    private final cn.jianbao.publication.print.PdfDocuments pdf;

    AssessmentReports(Rankings rankings, Ledger ledger, Directory directory, OfficeTime time,
                      org.springframework.jdbc.core.simple.JdbcClient jdbc, cn.jianbao.publication.print.PdfDocuments pdf) {
        this.pdf = pdf;
        this.rankings = rankings;
        this.ledger = ledger;
        this.directory = directory;
        this.time = time;
        this.jdbc = jdbc;
    }

    /**
     * The 通报's number in the office's series of the year it is first made: given once per period
     * (the first download or report), the same ever after. Two first makers at once: one number wins,
     * the other reads it.
     */
    int number(Period period, int year) {
        for (int attempt = 0; ; attempt++) {
            try {
                jdbc.sql("""
                        insert into report_number (period, year, number, issued_at)
                        select ?, ?, coalesce((select max(number) from report_number where year = ?), 0) + 1, now()
                        on conflict (period) do nothing""").params(period.code(), year, year).update();
                return jdbc.sql("select number from report_number where period = ?").param(period.code())
                        .query(Integer.class).single();
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                if (attempt == 3) {
                    throw raced;
                }
            }
        }
    }

    /** 扫黑办〔2026〕3号: the office's series, the year it is made, the period's number (Word and PDF alike). */
    private String documentNumber(Period period, LocalDate today) {
        return officeShortName() + "〔" + today.getYear() + "〕" + number(period, today.getYear()) + "号";
    }

    private String officeShortName() {
        return directory.units().stream().filter(u -> u.kind() == UnitKind.OFFICE).map(UnitDetails::shortName)
                .findFirst().orElse("办公室");
    }

    String officeName() {
        return directory.units().stream().filter(u -> u.kind() == UnitKind.OFFICE).map(UnitDetails::name)
                .findFirst().orElse("协调办公室");
    }

    byte[] docx(Period period) {
        Rankings.Report r = rankings.compute(period);
        String office = officeName();
        LocalDate today = time.today();
        String number = documentNumber(period, today);
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            // the red head (版头): the issuing office in red, the document number, a red rule (GB/T 9704)
            XWPFParagraph head = doc.createParagraph();
            head.setAlignment(ParagraphAlignment.CENTER);
            head.setSpacingBefore(600);
            XWPFRun organ = head.createRun();
            organ.setText(office);
            organ.setColor(RED);
            organ.setFontFamily("方正小标宋简体", XWPFRun.FontCharRange.eastAsia);
            organ.setFontSize(office.length() <= 10 ? 36 : 26);
            XWPFParagraph numberLine = doc.createParagraph();
            numberLine.setAlignment(ParagraphAlignment.CENTER);
            numberLine.setSpacingBefore(240);
            numberLine.setBorderBottom(org.apache.poi.xwpf.usermodel.Borders.SINGLE);
            numberLine.getCTP().getPPr().getPBdr().getBottom().setColor(RED);
            numberLine.getCTP().getPPr().getPBdr().getBottom().setSz(java.math.BigInteger.valueOf(18));
            XWPFRun no = numberLine.createRun();
            no.setText(number);
            no.setFontFamily("仿宋_GB2312", XWPFRun.FontCharRange.eastAsia);
            no.setFontSize(16);
            para(doc, "", "仿宋_GB2312", 16, ParagraphAlignment.LEFT, false);
            para(doc, "关于" + period.label() + "信息报送采用情况的通报", "方正小标宋简体", 22, ParagraphAlignment.CENTER, false);
            para(doc, "各镇（街道）、各成员单位：", "仿宋_GB2312", 16, ParagraphAlignment.LEFT, false);
            para(doc, summary(period, r), "仿宋_GB2312", 16, ParagraphAlignment.BOTH, true);
            table(doc, "一、乡镇（街道）", r.towns());
            table(doc, "二、成员单位", r.members());
            para(doc, absent(r), "仿宋_GB2312", 16, ParagraphAlignment.BOTH, true);
            para(doc, "", "仿宋_GB2312", 16, ParagraphAlignment.LEFT, false);
            para(doc, office, "仿宋_GB2312", 16, ParagraphAlignment.RIGHT, false);
            para(doc, today.getYear() + "年" + today.getMonthValue() + "月" + today.getDayOfMonth() + "日", "仿宋_GB2312", 16,
                    ParagraphAlignment.RIGHT, false);
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The 通报 as PDF, for sending: the same content and number as the Word file, laid out like the
     * printed issues (GB/T 9704 margins, red head and rule, page numbers), its tables in fixed
     * columns so a unit's name never breaks.
     */
    byte[] pdf(Period period) {
        Rankings.Report r = rankings.compute(period);
        String office = officeName();
        LocalDate today = time.today();
        String number = documentNumber(period, today);
        String title = "关于" + period.label() + "信息报送采用情况的通报";
        int total = java.util.Arrays.stream(WIDTHS).sum();
        Map<String, Object> v = new HashMap<>();
        v.put("title", title);
        v.put("office", office);
        v.put("longOffice", office.length() > 10);
        v.put("number", number);
        v.put("summary", summary(period, r));
        v.put("widths", java.util.Arrays.stream(WIDTHS)
                .mapToObj(w -> String.format(java.util.Locale.ROOT, "%.2f", 100.0 * w / total)).toList());
        v.put("headings", java.util.Arrays.stream(HEADINGS).map(x -> x.replace("（", "(").replace("）", ")")).toList());
        v.put("tables", List.of(table("一、乡镇（街道）", r.towns()), table("二、成员单位", r.members())));
        v.put("absent", absent(r));
        v.put("date", today.getYear() + "年" + today.getMonthValue() + "月" + today.getDayOfMonth() + "日");
        return pdf.pdf("assessment/report", v, title, office, today);
    }

    boolean pdfAvailable() {
        return pdf.available();
    }


    private static Map<String, Object> table(String heading, List<Rankings.Row> rows) {
        return Map.of("heading", heading, "rows", rows.stream().map(row -> List.of(values(row))).toList());
    }

    private static String summary(Period period, Rankings.Report r) {
        return period.label() + "，各单位共报送信息" + r.submitted() + "条，采用" + r.adopted() + "条"
                + "（单独刊发" + sum(r, true) + "条，综合采用" + sum(r, false) + "条），合计积分" + plain(r.points())
                + "分。现将各单位报送采用情况通报如下：" + (r.complete() ? "" : "（本时段尚未结束，数据截至通报生成之日。）");
    }

    private static String absent(Rankings.Report r) {
        List<String> none = java.util.stream.Stream.concat(r.towns().stream(), r.members().stream())
                .filter(x -> x.submitted() == 0).map(Rankings.Row::unitName).toList();
        return none.isEmpty() ? "本时段各单位均有信息报送。"
                : "本时段未报送信息的单位：" + String.join("、", none) + "。请上述单位高度重视，按要求及时报送。";
    }

    private static long sum(Rankings.Report r, boolean standalone) {
        return java.util.stream.Stream.concat(r.towns().stream(), r.members().stream())
                .mapToLong(x -> standalone ? x.standalone() : x.comprehensive()).sum();
    }

    private static void table(XWPFDocument doc, String title, List<Rankings.Row> rows) {
        para(doc, title, "黑体", 16, ParagraphAlignment.LEFT, false);
        XWPFTable t = doc.createTable(rows.size() + 1, HEADINGS.length);
        t.setWidth("100%");
        // fixed widths (twips, 15.6 cm of text): the unit column holds 清溪镇 and longer names on one line,
        // the numbers are narrow; headings wrap at most once
        org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblLayoutType layout = t.getCTTbl().getTblPr()
                .isSetTblLayout() ? t.getCTTbl().getTblPr().getTblLayout() : t.getCTTbl().getTblPr().addNewTblLayout();
        layout.setType(org.openxmlformats.schemas.wordprocessingml.x2006.main.STTblLayoutType.FIXED);
        var grid = t.getCTTbl().getTblGrid() == null ? t.getCTTbl().addNewTblGrid() : t.getCTTbl().getTblGrid();
        while (grid.sizeOfGridColArray() > 0) {
            grid.removeGridCol(0);
        }
        for (int width : WIDTHS) {
            grid.addNewGridCol().setW(java.math.BigInteger.valueOf(width));
        }
        for (var row : t.getRows()) {
            for (int c = 0; c < WIDTHS.length; c++) {
                row.getCell(c).setWidth(String.valueOf(WIDTHS[c]));
            }
        }
        for (int c = 0; c < HEADINGS.length; c++) {
            // 稿酬(元) with narrow brackets: the column stays one line wide
            cell(t.getRow(0), c, HEADINGS[c].replace("（", "(").replace("）", ")"), true);
        }
        for (int i = 0; i < rows.size(); i++) {
            String[] values = values(rows.get(i));
            for (int c = 0; c < values.length; c++) {
                cell(t.getRow(i + 1), c, values[c], false);
            }
        }
    }

    private static String[] values(Rankings.Row x) {
        return new String[] {String.valueOf(x.rank()), x.unitName(), String.valueOf(x.submitted()), String.valueOf(x.adopted()),
                String.valueOf(x.standalone()), String.valueOf(x.comprehensive()), String.valueOf(x.higherAdoptions()),
                String.valueOf(x.instructions()), String.valueOf(x.mediaUses()), plain(x.points()), plain(x.yuan())};
    }

    private static void cell(XWPFTableRow row, int c, String text, boolean bold) {
        XWPFParagraph p = row.getCell(c).getParagraphs().get(0);
        p.setAlignment(ParagraphAlignment.CENTER);
        XWPFRun r = p.createRun();
        r.setText(text);
        r.setBold(bold);
        r.setFontFamily("仿宋_GB2312", XWPFRun.FontCharRange.eastAsia);
        r.setFontSize(bold ? 10.5 : 12); // headings 五号, figures and names 小四
    }

    private static void para(XWPFDocument doc, String text, String font, int size, ParagraphAlignment align, boolean indent) {
        XWPFParagraph p = doc.createParagraph();
        p.setAlignment(align);
        if (indent) {
            p.setFirstLineIndent(size * 20 * 2);
        }
        XWPFRun r = p.createRun();
        r.setText(text);
        r.setFontFamily(font, XWPFRun.FontCharRange.eastAsia);
        r.setFontSize(size);
    }

    static String plain(BigDecimal v) {
        return v == null ? "" : v.stripTrailingZeros().toPlainString();
    }

    /** The ranking of a period as a spreadsheet: one sheet per kind of unit. */
    byte[] rankingXlsx(Period period) {
        Rankings.Report r = rankings.compute(period);
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle head = headStyle(wb);
            for (var part : List.of(List.of("乡镇（街道）", r.towns()), List.of("成员单位", r.members()))) {
                Sheet sheet = wb.createSheet((String) part.get(0));
                Row h = sheet.createRow(0);
                for (int c = 0; c < HEADINGS.length; c++) {
                    h.createCell(c).setCellValue(HEADINGS[c]);
                    h.getCell(c).setCellStyle(head);
                }
                @SuppressWarnings("unchecked")
                List<Rankings.Row> rows = (List<Rankings.Row>) part.get(1);
                for (int i = 0; i < rows.size(); i++) {
                    Rankings.Row x = rows.get(i);
                    Row row = sheet.createRow(i + 1);
                    row.createCell(0).setCellValue(x.rank());
                    row.createCell(1).setCellValue(x.unitName());
                    long[] counts = {x.submitted(), x.adopted(), x.standalone(), x.comprehensive(), x.higherAdoptions(),
                            x.instructions(), x.mediaUses()};
                    for (int c = 0; c < counts.length; c++) {
                        row.createCell(c + 2).setCellValue(counts[c]);
                    }
                    row.createCell(9).setCellValue(x.points().doubleValue());
                    row.createCell(10).setCellValue(x.yuan().doubleValue());
                }
                sheet.setColumnWidth(1, 20 * 256);
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ledger of a period (and unit) as a spreadsheet, every entry with its rule and version. */
    byte[] ledgerXlsx(cn.jianbao.directory.Person me, String unit, Period period) {
        Ledger.Page page = ledger.entries(me, unit, period.from(), period.to(), 0, 100_000);
        // streamed: a year of a large office is tens of thousands of rows
        SXSSFWorkbook wb = new SXSSFWorkbook(200);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle head = headStyle(wb);
            Sheet sheet = wb.createSheet("积分台账");
            // no ids: a reversal names the row it cancels (or its day and kind when outside this export)
            String[] headings = {"序号", "日期", "单位", "事项", "报送编号", "积分", "稿酬（元）", "说明", "规则表", "版本",
                "登记人", "登记时间", "冲正"};
            Row h = sheet.createRow(0);
            for (int c = 0; c < headings.length; c++) {
                h.createCell(c).setCellValue(headings[c]);
                h.getCell(c).setCellStyle(head);
            }
            java.util.Map<java.util.UUID, Integer> rowOf = new java.util.HashMap<>();
            for (int k = 0; k < page.entries().size(); k++) {
                rowOf.put(page.entries().get(k).id(), k + 1);
            }
            java.time.format.DateTimeFormatter minute = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
            int i = 1;
            for (Ledger.Entry e : page.entries()) {
                Row row = sheet.createRow(i);
                row.createCell(0).setCellValue(i++);
                row.createCell(1).setCellValue(e.at().toString());
                row.createCell(2).setCellValue(e.unit().get("name"));
                row.createCell(3).setCellValue(e.eventLabel());
                row.createCell(4).setCellValue(e.submissionNumber() == null ? "" : e.submissionNumber());
                row.createCell(5).setCellValue(e.points().doubleValue());
                row.createCell(6).setCellValue(e.yuan().doubleValue());
                row.createCell(7).setCellValue(e.explanation());
                row.createCell(8).setCellValue(e.ruleLabel() == null ? "" : e.ruleLabel());
                row.createCell(9).setCellValue(e.ruleVersion() == null ? "" : "第" + e.ruleVersion() + "版"
                        + (e.ruleFrom() == null ? "" : "（" + e.ruleFrom() + "起）"));
                row.createCell(10).setCellValue(e.recordedByName());
                row.createCell(11).setCellValue(e.recordedAt().atZoneSameInstant(time.zone()).format(minute));
                row.createCell(12).setCellValue(e.reverses() == null ? (e.reversed() ? "已被冲正" : "")
                        : rowOf.containsKey(e.reverses()) ? "冲正第" + rowOf.get(e.reverses()) + "行"
                        : "冲正" + e.at() + "的记录");
            }
            Row total = sheet.createRow(i);
            total.createCell(3).setCellValue("合计");
            total.createCell(5).setCellValue(page.points().doubleValue());
            total.createCell(6).setCellValue(page.yuan().doubleValue());
            sheet.setColumnWidth(2, 16 * 256);
            sheet.setColumnWidth(4, 18 * 256);
            sheet.setColumnWidth(7, 60 * 256);
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                wb.close();
            } catch (IOException ignored) {
                // temporary files only
            }
        }
    }

    private static CellStyle headStyle(org.apache.poi.ss.usermodel.Workbook wb) {
        CellStyle style = wb.createCellStyle();
        Font bold = wb.createFont();
        bold.setBold(true);
        style.setFont(bold);
        return style;
    }
}
