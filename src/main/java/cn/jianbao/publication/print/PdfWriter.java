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
import org.springframework.stereotype.Component;

/**
 * The issue as PDF: XHTML with CSS paged media (A4, the margins of GB/T 9704, page numbers in
 * the footer) laid out by openhtmltopdf, Chinese fonts embedded as subsets.
 */
@Component
class PdfWriter {

    private final PrintFonts fonts;

    PdfWriter(PrintFonts fonts) {
        this.fonts = fonts;
    }

    boolean available() {
        return fonts.available();
    }

    byte[] write(PrintedIssue issue) throws IOException {
        if (!fonts.available()) {
            throw new IllegalStateException("no Chinese font for PDF");
        }
        List<AutoCloseable> open = new ArrayList<>();
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.usePDDocument(doc);
            Map<PrintFonts.Face, PDType0Font> loaded = new HashMap<>();
            for (PrintFonts.Role role : PrintFonts.Role.values()) {
                PrintFonts.Face face = fonts.face(role).orElseThrow();
                PDType0Font font = loaded.get(face);
                if (font == null) {
                    font = PDType0Font.load(doc, trueType(face, open), true);
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
        } finally {
            for (AutoCloseable c : open) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing a font file we only read
                }
            }
        }
    }

    private static TrueTypeFont trueType(PrintFonts.Face face, List<AutoCloseable> open) throws IOException {
        if (face.name() == null) {
            TrueTypeFont font = new org.apache.fontbox.ttf.TTFParser().parse(
                    new org.apache.pdfbox.io.RandomAccessReadBufferedFile(face.file().toFile()));
            open.add(font);
            return font;
        }
        TrueTypeCollection collection = new TrueTypeCollection(face.file().toFile());
        open.add(collection);
        TrueTypeFont font = collection.getFontByName(face.name());
        if (font == null) {
            throw new IOException("font " + face.name() + " not in " + face.file());
        }
        return font;
    }
}
