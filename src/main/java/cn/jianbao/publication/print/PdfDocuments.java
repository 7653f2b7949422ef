package cn.jianbao.publication.print;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * PDF from XHTML and CSS paged media for the other modules' documents (the 通报), in the fonts
 * and with the determinism of the printed issues: one layout engine, one set of fonts.
 */
@Component
public class PdfDocuments {

    private final PdfWriter writer;

    PdfDocuments(PdfWriter writer) {
        this.writer = writer;
    }

    /** Whether a Chinese font is installed (else there is no PDF; say so to the user). */
    public boolean available() {
        return writer.available();
    }

    /**
     * The document made from an XHTML template on the class path ({@code module/name.xhtml}, Thymeleaf
     * in XML mode) with these values, each escaped by the engine; fonts by role in the CSS:
     * {@code jb-song} (仿宋) text, {@code jb-title} (小标宋) titles, {@code jb-hei} (黑体) headings,
     * {@code jb-kai} (楷体).
     */
    public byte[] pdf(String template, Map<String, Object> values, String title, String author, LocalDate date) {
        try {
            return writer.render(Templates.render(template, values), title, author, PdfWriter.date(date));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
