package cn.jianbao.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackagePartName;
import org.apache.poi.openxml4j.opc.PackagingURIHelper;
import org.apache.poi.openxml4j.opc.TargetMode;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.BodyContentHandler;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ofdrw.layout.OFDDoc;
import org.ofdrw.layout.element.Paragraph;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;


/** Real documents of every accepted (and some refused) format, generated for tests. */
public final class TestDocuments {

    private TestDocuments() {
    }

    public static byte[] docx(String... paragraphs) throws IOException {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String p : paragraphs) {
                doc.createParagraph().createRun().setText(p);
            }
            doc.write(out);
            return out.toByteArray();
        }
    }

    /** What Tika gives when it is allowed to recurse into embedded documents. */
    public static String recursiveTikaText(byte[] content) throws Exception {
        AutoDetectParser parser = new AutoDetectParser();
        ParseContext context = new ParseContext();
        context.set(Parser.class, parser);
        BodyContentHandler handler = new BodyContentHandler(-1);
        try (TikaInputStream in = TikaInputStream.get(content)) {
            parser.parse(in, handler, new Metadata(), context);
        }
        return handler.toString();
    }

    /** A .docx carrying another .docx as an embedded package, the way Word stores an inserted document. */
    public static byte[] docxWithEmbeddedDocx(String outer, String inner) throws Exception {
        byte[] embedded = docx(inner);
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.createParagraph().createRun().setText(outer);
            PackagePartName name = PackagingURIHelper.createPartName("/word/embeddings/Microsoft_Word_Document1.docx");
            PackagePart part = doc.getPackage().createPart(name, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
            try (OutputStream os = part.getOutputStream()) {
                os.write(embedded);
            }
            doc.getPackagePart().addRelationship(name, TargetMode.INTERNAL,
                    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package");
            doc.write(out);
            return out.toByteArray();
        }
    }

    public static byte[] encryptedDocx(byte[] docx) throws Exception {
        try (POIFSFileSystem fs = new POIFSFileSystem(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            EncryptionInfo info = new EncryptionInfo(EncryptionMode.agile);
            Encryptor encryptor = info.getEncryptor();
            encryptor.confirmPassword("mima-2024");
            try (OPCPackage opc = OPCPackage.open(new ByteArrayInputStream(docx));
                 OutputStream os = encryptor.getDataStream(fs)) {
                opc.save(os);
            }
            fs.writeFilesystem(out);
            return out.toByteArray();
        }
    }

    public static byte[] xlsx() throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            wb.createSheet("表").createRow(0).createCell(0).setCellValue("黄江镇信息简报");
            wb.write(out);
            return out.toByteArray();
        }
    }

    public static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /**
     * A PDF whose text uses the predefined CJK font STSong-Light (not embedded, so no font file
     * is needed to write it) with the predefined CMap UniGB-UCS2-H: the string bytes are UCS-2
     * code units, and PDFBox maps them back to Unicode through Adobe-GB1's UCS2 CMap, which it ships.
     */
    public static byte[] cjkPdf(String... paragraphs) {
        StringBuilder content = new StringBuilder("BT\n/F1 16 Tf\n20 TL\n72 770 Td\n");
        for (String paragraph : paragraphs) {
            for (int i = 0; i < paragraph.length(); i += 28) {
                String line = paragraph.substring(i, Math.min(paragraph.length(), i + 28));
                content.append('<').append(HexFormat.of().withUpperCase()
                        .formatHex(line.getBytes(StandardCharsets.UTF_16BE))).append("> Tj T*\n");
            }
            content.append("T*\n");
        }
        content.append("ET\n");
        return pdf(List.of(
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 7 0 R >>",
                "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [5 0 R] >>",
                "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light"
                        + " /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 6 0 R /DW 1000 >>",
                "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0"
                        + " /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
                stream(content.toString())));
    }

    private static String stream(String data) {
        return "<< /Length " + data.getBytes(StandardCharsets.ISO_8859_1).length + " >>\nstream\n" + data + "endstream";
    }

    /** Writes numbered objects 1..n with a correct cross-reference table. */
    private static byte[] pdf(List<String> objects) {
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(pdf.length());
            pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
        for (int offset : offsets) {
            pdf.append(String.format("%010d 00000 n \n", offset));
        }
        pdf.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    public static byte[] pdfWithRectangleOnly() throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.addRect(100, 100, 300, 200);
                cs.fill();
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    public static byte[] encryptedPdf() throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                cs.newLineAtOffset(72, 700);
                cs.showText("Internal briefing");
                cs.endText();
            }
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-pw", "user-pw", new AccessPermission());
            policy.setEncryptionKeyLength(256);
            doc.protect(policy);
            doc.save(out);
            return out.toByteArray();
        }
    }

    public static byte[] pdfWithAttachment() throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                cs.newLineAtOffset(72, 700);
                cs.showText("Cover page");
                cs.endText();
            }
            PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
            Map<String, PDComplexFileSpecification> files = new java.util.LinkedHashMap<>();
            files.put("notes.txt", attachment(doc, "notes.txt", "ATTACHMENT-TEXT-7731".getBytes(StandardCharsets.US_ASCII)));
            byte[] exe = new byte[256];
            exe[0] = 'M';
            exe[1] = 'Z';
            files.put("tool.exe", attachment(doc, "tool.exe", exe));
            tree.setNames(files);
            PDDocumentNameDictionary names = new PDDocumentNameDictionary(doc.getDocumentCatalog());
            names.setEmbeddedFiles(tree);
            doc.getDocumentCatalog().setNames(names);
            doc.save(out);
            return out.toByteArray();
        }
    }

    private static PDComplexFileSpecification attachment(PDDocument doc, String name, byte[] data) throws IOException {
        PDEmbeddedFile file = new PDEmbeddedFile(doc, new ByteArrayInputStream(data));
        file.setSize(data.length);
        PDComplexFileSpecification spec = new PDComplexFileSpecification();
        spec.setFile(name);
        spec.setEmbeddedFile(file);
        return spec;
    }

    /** An ODF text document written by hand: mimetype first and stored, then manifest and content. */
    public static byte[] odt(String... paragraphs) throws IOException {
        StringBuilder content = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
                xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">\
                <office:body><office:text>""");
        for (String p : paragraphs) {
            content.append("<text:p>").append(p).append("</text:p>");
        }
        content.append("</office:text></office:body></office:document-content>");
        String manifest = """
                <?xml version="1.0" encoding="UTF-8"?>
                <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
                 <manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="application/vnd.oasis.opendocument.text"/>
                 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
                </manifest:manifest>
                """;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            byte[] mimetype = "application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII);
            ZipEntry entry = new ZipEntry("mimetype");
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(mimetype.length);
            CRC32 crc = new CRC32();
            crc.update(mimetype);
            entry.setCrc(crc.getValue());
            zip.putNextEntry(entry);
            zip.write(mimetype);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("META-INF/manifest.xml"));
            zip.write(manifest.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("content.xml"));
            zip.write(content.toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    /** RTF with every non-ASCII character as a signed 16-bit \\uN escape and '?' as its fallback. */
    public static byte[] rtf(String... paragraphs) {
        StringBuilder rtf = new StringBuilder("{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0\\fnil\\fcharset134 SimSun;}}\\f0\\fs24\\uc1\n");
        for (String p : paragraphs) {
            for (char c : p.toCharArray()) {
                if (c == '\\' || c == '{' || c == '}') {
                    rtf.append('\\').append(c);
                } else if (c < 128) {
                    rtf.append(c);
                } else {
                    rtf.append("\\u").append((int) (short) c).append('?');
                }
            }
            rtf.append("\\par\n");
        }
        rtf.append('}');
        return rtf.toString().getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] ofd(Path dir, String... paragraphs) throws IOException {
        Path file = Files.createTempFile(dir, "briefing", ".ofd");
        try (OFDDoc doc = new OFDDoc(file)) {
            for (String p : paragraphs) {
                doc.add(new Paragraph(p, 5d));
            }
        }
        return Files.readAllBytes(file);
    }

    /** A minimal OFD written by hand: each line's glyphs as separate, CTM-scaled TextObjects. */
    public static byte[] handWrittenOfd(List<String> lines) throws IOException {
        String ns = "xmlns:ofd=\"http://www.ofdspec.org/2016\"";
        StringBuilder content = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:Page " + ns
                + "><ofd:Content><ofd:Layer ID=\"2\">");
        int id = 10;
        for (int l = 0; l < lines.size(); l++) {
            String line = lines.get(l);
            for (int i = 0; i < line.length(); i++) {
                double jitter = (i % 3) * 0.15; // glyph boxes differ a little in height
                content.append(String.format(Locale.ROOT,
                        "<ofd:TextObject ID=\"%d\" CTM=\"10 0 0 10 0 0\" Boundary=\"%.2f %.2f 4 4\" Font=\"3\" Size=\"0.35\">"
                                + "<ofd:TextCode X=\"0\" Y=\"%.3f\">%s</ofd:TextCode></ofd:TextObject>",
                        id++, 20 + i * 4.0, 30 + l * 8 + jitter, 0.3 - jitter / 10, line.charAt(i)));
            }
        }
        content.append("</ofd:Layer></ofd:Content></ofd:Page>");
        Map<String, byte[]> parts = new java.util.LinkedHashMap<>();
        parts.put("OFD.xml", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:OFD " + ns + " Version=\"1.0\" DocType=\"OFD\">"
                + "<ofd:DocBody><ofd:DocInfo><ofd:DocID>0C1D4F7159954EEEDE517F7285E84DC4</ofd:DocID></ofd:DocInfo>"
                + "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>").getBytes(StandardCharsets.UTF_8));
        parts.put("Doc_0/Document.xml", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:Document " + ns + ">"
                + "<ofd:CommonData><ofd:MaxUnitID>" + id + "</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>"
                + "</ofd:PageArea></ofd:CommonData><ofd:Pages><ofd:Page ID=\"1\" BaseLoc=\"Pages/Page_0/Content.xml\"/></ofd:Pages>"
                + "</ofd:Document>").getBytes(StandardCharsets.UTF_8));
        parts.put("Doc_0/Pages/Page_0/Content.xml", content.toString().getBytes(StandardCharsets.UTF_8));
        return zip(parts);
    }

    public static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    public interface EntryRewriter {
        byte[] rewrite(String name, byte[] data) throws IOException;
    }

    public static byte[] rewriteZip(byte[] zipBytes, EntryRewriter rewriter) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zipBytes));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(rewriter.rewrite(entry.getName(), in.readAllBytes()));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** A real .docx whose word/document.xml holds {@code textBytes} of text in one paragraph per 8 KB. */
    public static byte[] zipBombDocx(long textBytes) throws IOException {
        byte[] docx = docx("黄江镇信息简报");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(docx));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                zip.putNextEntry(new ZipEntry(entry.getName()));
                if (!entry.getName().equals("word/document.xml")) {
                    in.transferTo(zip);
                } else {
                    zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                            + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>")
                            .getBytes(StandardCharsets.UTF_8));
                    byte[] paragraph = ("<w:p><w:r><w:t>" + "a".repeat(8192) + "</w:t></w:r></w:p>")
                            .getBytes(StandardCharsets.UTF_8);
                    for (long written = 0; written < textBytes; written += 8192) {
                        zip.write(paragraph);
                    }
                    zip.write("</w:body></w:document>".getBytes(StandardCharsets.UTF_8));
                }
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
