package cn.jianbao.publication.print;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

/**
 * The issue as PDF: XHTML with CSS paged media (A4, the margins of GB/T 9704, page numbers in
 * the footer) laid out by openhtmltopdf, Chinese fonts embedded as subsets.
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

    synchronized byte[] write(PrintedIssue issue) throws IOException {
        if (!fonts.available()) {
            throw new IllegalStateException("no Chinese font for PDF");
        }
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
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
            builder.withHtmlContent(XhtmlLayout.of(issue), null);
            builder.toStream(out);
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(issue.name() + " " + issue.title());
            info.setAuthor(issue.officeName());
            builder.run();
            return out.toByteArray();
        }
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
