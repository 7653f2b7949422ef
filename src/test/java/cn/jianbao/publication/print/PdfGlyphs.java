package cn.jianbao.publication.print;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.contentstream.operator.color.SetNonStrokingColor;
import org.apache.pdfbox.contentstream.operator.color.SetNonStrokingColorN;
import org.apache.pdfbox.contentstream.operator.color.SetNonStrokingColorSpace;
import org.apache.pdfbox.contentstream.operator.color.SetNonStrokingDeviceCMYKColor;
import org.apache.pdfbox.contentstream.operator.color.SetNonStrokingDeviceGrayColor;
import org.apache.pdfbox.contentstream.operator.color.SetNonStrokingDeviceRGBColor;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.color.PDColor;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * Every character a PDF shows, where and in what colour: what a print test reads to check the
 * layout (margins, the 版记's place, page numbers, the red masthead), not only the words.
 */
public final class PdfGlyphs extends PDFTextStripper {

    /** One character: its page (1-based), left edge and baseline in mm from the page's top left, fill colour. */
    public record Glyph(int page, String text, double x, double y, double size, float[] rgb) {

        public boolean red() {
            return rgb.length == 3 && rgb[0] > 0.6 && rgb[1] < 0.2 && rgb[2] < 0.2;
        }
    }

    private final List<Glyph> glyphs = new ArrayList<>();

    private PdfGlyphs() throws IOException {
        // the text stripper follows no colours by itself
        addOperator(new SetNonStrokingColorSpace(this));
        addOperator(new SetNonStrokingColor(this));
        addOperator(new SetNonStrokingColorN(this));
        addOperator(new SetNonStrokingDeviceRGBColor(this));
        addOperator(new SetNonStrokingDeviceGrayColor(this));
        addOperator(new SetNonStrokingDeviceCMYKColor(this));
    }

    public static List<Glyph> of(PDDocument doc) throws IOException {
        PdfGlyphs reader = new PdfGlyphs();
        reader.setSortByPosition(true);
        reader.getText(doc);
        return reader.glyphs;
    }

    @Override
    protected void processTextPosition(TextPosition t) {
        PDColor color = getGraphicsState().getNonStrokingColor();
        float[] rgb;
        try {
            int packed = color.toRGB();
            rgb = new float[] {(packed >> 16 & 0xff) / 255f, (packed >> 8 & 0xff) / 255f, (packed & 0xff) / 255f};
        } catch (IOException | RuntimeException e) {
            rgb = new float[0];
        }
        glyphs.add(new Glyph(getCurrentPageNo(), t.getUnicode(), mm(t.getXDirAdj()), mm(t.getYDirAdj()),
                t.getFontSizeInPt(), rgb));
        super.processTextPosition(t);
    }

    private static double mm(float points) {
        return points / 72.0 * 25.4;
    }

    /** The text of one page's lines joined, in reading order, without spaces. */
    public static String page(List<Glyph> glyphs, int page) {
        StringBuilder b = new StringBuilder();
        glyphs.stream().filter(g -> g.page() == page).forEach(g -> b.append(g.text()));
        return b.toString().replaceAll("\\s+", "");
    }
}
