package cn.jianbao.publication.print;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.render.Box;
import com.openhtmltopdf.render.PageBox;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

/**
 * The issue as PDF: XHTML with CSS paged media (A4, the margins of GB/T 9704, page numbers on the
 * outer side) laid out by openhtmltopdf, Chinese fonts embedded as subsets.
 */
@Component
class PdfWriter {

    private final PrintFonts fonts;
    /**
     * Parsed once per node and kept open: parsing a Chinese TrueType collection's character map took
     * most of a PDF's time (JFR: a quarter of the application's CPU in the full-path benchmark). A
     * parsed font is not safe for two documents at once, hence one PDF at a time ({@link #write}).
     */
    private final Map<PrintFonts.Face, TrueTypeFont> parsed = new HashMap<>();
    private final List<AutoCloseable> open = new ArrayList<>();

    PdfWriter(PrintFonts fonts) {
        this.fonts = fonts;
    }

    boolean available() {
        return fonts.available();
    }

    /**
     * The issue in two passes: the first lays it out to see where the text ends, the second renders it
     * with the 版记 placed so its last line is the text block's last line on an even page (GB/T 9704:
     * the back of the last sheet). The file is the same bytes whenever it is made from the same issue:
     * its dates are the issue's and its id is derived from the content.
     */
    synchronized byte[] write(PrintedIssue issue) throws IOException {
        if (!fonts.available()) {
            throw new IllegalStateException("no Chinese font for PDF");
        }
        XhtmlLayout.Foot foot = placeFoot(issue);
        String html = XhtmlLayout.of(issue, foot);
        return render(html, issue.name() + " " + issue.title(), issue.officeName(), date(issue));
    }

    /**
     * XHTML laid out and saved with the given metadata and an id derived from the content: the same
     * input, the same bytes. Any of our documents (the issue, the 通报) in the same fonts.
     */
    synchronized byte[] render(String html, String title, String author, Calendar date) throws IOException {
        if (!fonts.available()) {
            throw new IllegalStateException("no Chinese font for PDF");
        }
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = builder(doc, html);
            builder.withProducer(PRODUCER);
            // rendered, then saved here: the renderer would stamp the time of day into the file
            try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
                renderer.layout();
                try (PDDocument rendered = renderer.createPDFKeepOpen()) {
                    PDDocumentInformation info = rendered.getDocumentInformation();
                    info.setTitle(title);
                    info.setAuthor(author);
                    info.setCreationDate(date);
                    info.setModificationDate(date);
                    rendered.getDocument().getTrailer().setItem(COSName.ID, idArray(digest(html)));
                    rendered.save(out);
                }
            }
            return out.toByteArray();
        }
    }

    private static final String PRODUCER = "简报系统";

    /** Where the 版记 goes: measured by laying the issue out once with it right after the text. */
    private XhtmlLayout.Foot placeFoot(PrintedIssue issue) throws IOException {
        try (PDDocument scratch = new PDDocument();
             PdfBoxRenderer renderer = builder(scratch, XhtmlLayout.of(issue, XhtmlLayout.Foot.NATURAL)).buildPdfRenderer()) {
            renderer.layout();
            Box end = find(renderer.getRootBox(), XhtmlLayout.END_ID);
            Box foot = find(renderer.getRootBox(), XhtmlLayout.FOOT_ID);
            List<PageBox> pages = renderer.getRootBox().getLayer().getPages();
            if (end == null || foot == null || pages.isEmpty()) {
                return XhtmlLayout.Foot.NATURAL;
            }
            float dots = renderer.getDotsPerPoint();
            int page = 0;
            while (page < pages.size() - 1 && end.getAbsY() >= pages.get(page).getBottom()) {
                page++;
            }
            float pageHeight = (pages.get(0).getBottom() - pages.get(0).getTop()) / dots;
            float footHeight = foot.getHeight() / dots;
            float left = (pages.get(page).getBottom() - end.getAbsY()) / dots;
            return place(page + 1, pageHeight, left, footHeight);
        }
    }

    /** Two points of slack keep rounding from pushing the 版记's last line onto another page. */
    private static final float SLACK = 2f;
    /** The least space between the text and the 版记 on a shared page: a line of the text. */
    private static final float GAP = 28f;

    /**
     * The placement for text ending on page {@code textPages} (1-based) with {@code left} points free
     * under it: on that page if it is even and the 版记 fits; else on the next page if that one is even;
     * else after a blank page. A 版记 taller than a page simply follows the text.
     */
    static XhtmlLayout.Foot place(int textPages, float pageHeight, float left, float footHeight) {
        if (footHeight > pageHeight - SLACK) {
            return XhtmlLayout.Foot.NATURAL;
        }
        float onOwnPage = pageHeight - footHeight - SLACK;
        if (textPages % 2 == 0) {
            return left >= footHeight + GAP ? new XhtmlLayout.Foot(false, left - footHeight - SLACK, false, false)
                    : new XhtmlLayout.Foot(false, onOwnPage, true, true);
        }
        return new XhtmlLayout.Foot(false, onOwnPage, true, false);
    }

    private PdfRendererBuilder builder(PDDocument doc, String html) throws IOException {
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.usePDDocument(doc);
        Map<PrintFonts.Face, PDType0Font> loaded = new HashMap<>();
        for (PrintFonts.Role role : PrintFonts.Role.values()) {
            PrintFonts.Face face = fonts.face(role).orElseThrow();
            PDType0Font font = loaded.get(face);
            if (font == null) {
                font = PDType0Font.load(doc, trueType(face), true);
                loaded.put(face, font);
            }
            builder.useFont(new PDFontSupplier(font), "jb-" + role.name().toLowerCase(), 400, FontStyle.NORMAL, true);
        }
        builder.withHtmlContent(html, null);
        return builder;
    }

    private static Box find(Box box, String id) {
        if (box.getElement() != null && id.equals(box.getElement().getAttribute("id"))) {
            return box;
        }
        for (int i = 0; i < box.getChildCount(); i++) {
            Box found = find(box.getChild(i), id);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /**
     * Copies {@code from}..{@code to} of a numbered issue in one file, each with its 份号 (six digits,
     * GB/T 9704) on the first line of its first page: the stored master stamped, not laid out again.
     * Digits in Times, as offices print numbers.
     */
    static byte[] copies(byte[] master, PrintedIssue issue, int from, int to) throws IOException {
        try (PDDocument source = Loader.loadPDF(master); PDDocument out = new PDDocument();
             ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            PDType1Font digits = new PDType1Font(Standard14Fonts.FontName.TIMES_ROMAN);
            for (int copy = from; copy <= to; copy++) {
                boolean first = true;
                for (PDPage page : source.getPages()) {
                    // each import has its own content stream and shares the master's resources (its fonts):
                    // a hundred copies carry the fonts once
                    PDPage imported = out.importPage(page);
                    if (first) {
                        try (PDPageContentStream s = new PDPageContentStream(out, imported, PDPageContentStream.AppendMode.APPEND,
                                true, true)) {
                            s.beginText();
                            s.setFont(digits, 16);
                            // the text block's first line: 37 mm from the top, 28 mm from the left
                            s.newLineAtOffset(mm(28), imported.getMediaBox().getHeight() - mm(37) - 20f);
                            s.showText(PrintedIssue.copyLabel(copy));
                            s.endText();
                        }
                        first = false;
                    }
                }
            }
            PDDocumentInformation info = out.getDocumentInformation();
            info.setTitle(issue.name() + " " + issue.title() + "（第" + from + (to > from ? "至" + to : "") + "份）");
            info.setAuthor(issue.officeName());
            info.setProducer(PRODUCER);
            info.setCreationDate(date(issue));
            info.setModificationDate(date(issue));
            out.getDocument().getTrailer().setItem(COSName.ID,
                    idArray(digest(IssueDocuments.sha256(master) + "/" + from + "-" + to)));
            out.save(bytes);
            return bytes.toByteArray();
        }
    }

    private static float mm(double mm) {
        return (float) (mm / 25.4 * 72);
    }

    /** The issue's date at nine in the morning, Beijing time: the file's own dates. */
    private static Calendar date(PrintedIssue issue) {
        return date(issue.date());
    }

    static Calendar date(java.time.LocalDate day) {
        GregorianCalendar c = new GregorianCalendar(TimeZone.getTimeZone("Asia/Shanghai"), Locale.ROOT);
        c.clear();
        c.set(day.getYear(), day.getMonthValue() - 1, day.getDayOfMonth(), 9, 0, 0);
        return c;
    }

    private static byte[] digest(String s) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)), 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static COSArray idArray(byte[] id) {
        COSArray array = new COSArray();
        array.add(new COSString(id));
        array.add(new COSString(id));
        return array;
    }

    @PreDestroy
    synchronized void close() {
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing a font file we only read
            }
        }
        open.clear();
        parsed.clear();
    }

    private TrueTypeFont trueType(PrintFonts.Face face) throws IOException {
        TrueTypeFont cached = parsed.get(face);
        if (cached != null) {
            return cached;
        }
        TrueTypeFont font;
        if (face.name() == null) {
            font = new org.apache.fontbox.ttf.TTFParser().parse(
                    new org.apache.pdfbox.io.RandomAccessReadBufferedFile(face.file().toFile()));
            open.add(font);
        } else {
            TrueTypeCollection collection = new TrueTypeCollection(face.file().toFile());
            font = collection.getFontByName(face.name());
            if (font == null) {
                collection.close();
                throw new IOException("font " + face.name() + " not in " + face.file());
            }
            open.add(collection);
        }
        parsed.put(face, font);
        return font;
    }
}
