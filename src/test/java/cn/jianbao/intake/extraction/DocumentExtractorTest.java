package cn.jianbao.intake.extraction;

import cn.jianbao.testing.TestDocuments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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

import static cn.jianbao.testing.TestDocuments.*;

import cn.jianbao.intake.extraction.DocumentRejectedException.Reason;

class DocumentExtractorTest {

    static final String TITLE = "黄江镇开拓扫黑除恶宣传和线索摸排新阵地";
    static final String BODY = "近日，黄江镇在各村（社区）设立扫黑除恶宣传栏，组织网格员入户走访，广泛收集涉黑涉恶线索。";

    private final List<DocumentExtractor> extractors = new ArrayList<>();
    private DocumentExtractor extractor;

    @BeforeEach
    void setUp() {
        extractor = extractor(ExtractionProperties.defaults());
    }

    @AfterEach
    void tearDown() {
        extractors.forEach(DocumentExtractor::close);
    }

    private DocumentExtractor extractor(ExtractionProperties properties) {
        DocumentExtractor e = new DocumentExtractor(properties);
        extractors.add(e);
        return e;
    }

    // ---------------------------------------------------------------- formats

    @Nested
    class Formats {

        @Test
        void reads_docx() throws Exception {
            byte[] docx = docx(TITLE, BODY);

            ExtractedDocument doc = extractor.extract("简报.docx", docx);

            assertThat(doc.text()).isEqualTo(TITLE + "\n" + BODY);
            assertThat(doc.mediaType()).isEqualTo(DocumentExtractor.DOCX.toString());
            assertThat(doc.fileName()).isEqualTo("简报.docx");
            assertThat(doc.size()).isEqualTo(docx.length);
            assertThat(doc.sha256()).isEqualTo(sha256(docx)).matches("[0-9a-f]{64}");
        }

        @Test
        void pdfWithPredefinedCjkFont() throws Exception {
            ExtractedDocument doc = extractor.extract("简报.pdf", cjkPdf(TITLE, BODY));

            assertThat(doc.mediaType()).isEqualTo("application/pdf");
            assertThat(noWhitespace(doc.text())).contains(TITLE, BODY);
            assertThat(doc.text().lines()).first().isEqualTo(TITLE);
        }

        @Test
        void reads_odt() throws Exception {
            ExtractedDocument doc = extractor.extract("简报.odt", odt(TITLE, BODY));

            assertThat(doc.mediaType()).isEqualTo("application/vnd.oasis.opendocument.text");
            assertThat(doc.text()).contains(TITLE).contains(BODY);
            assertThat(doc.text().indexOf(TITLE)).isLessThan(doc.text().indexOf(BODY));
        }

        @Test
        void rtfWithUnicodeEscapes() throws Exception {
            byte[] rtf = rtf(TITLE, BODY);
            assertThat(new String(rtf, StandardCharsets.US_ASCII)).contains("\\u-24892?"); // 黄 = U+9EC4, signed

            ExtractedDocument doc = extractor.extract("简报.rtf", rtf);

            assertThat(doc.mediaType()).isEqualTo("application/rtf");
            assertThat(doc.text()).isEqualTo(TITLE + "\n" + BODY);
        }

        @Test
        void txtInUtf8() {
            ExtractedDocument doc = extractor.extract("简报.txt", longText().getBytes(StandardCharsets.UTF_8));

            assertThat(doc.mediaType()).isEqualTo("text/plain");
            assertThat(doc.text()).isEqualTo(longText().strip());
        }

        @Test
        void txtInGb18030() {
            byte[] gb = longText().getBytes(Charset.forName("GB18030"));
            assertThat(new String(gb, StandardCharsets.UTF_8)).doesNotContain(TITLE); // really not UTF-8

            ExtractedDocument doc = extractor.extract("简报.txt", gb);

            assertThat(doc.text()).isEqualTo(longText().strip());
        }

        @Test
        void txtInGbkShortText() {
            // two lines only: less for the charset detector to go on
            byte[] gbk = (TITLE + "\r\n" + BODY + "\r\n").getBytes(Charset.forName("GBK"));

            ExtractedDocument doc = extractor.extract("简报.txt", gbk);

            assertThat(doc.text()).isEqualTo(TITLE + "\n" + BODY);
        }

        @Test
        void reads_html() {
            String html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>简报</title></head><body>"
                    + "<h1>" + TITLE + "</h1><p>" + BODY + "</p><script>var secret = 1;</script></body></html>";

            ExtractedDocument doc = extractor.extract("简报.htm", html.getBytes(StandardCharsets.UTF_8));

            assertThat(doc.mediaType()).isEqualTo("text/html");
            assertThat(doc.text()).contains(TITLE).contains(BODY).doesNotContain("<p>").doesNotContain("secret");
        }

        @Test
        void htmlFragmentWithoutHtmlElement() {
            String html = "<p>" + TITLE + "</p>\n<p>" + BODY + "</p>";

            ExtractedDocument doc = extractor.extract("简报.html", html.getBytes(StandardCharsets.UTF_8));

            assertThat(doc.mediaType()).isEqualTo("text/html");
            assertThat(doc.text()).contains(TITLE).contains(BODY).doesNotContain("<p>");
        }

        @Test
        void reads_ofd(@TempDir Path dir) throws Exception {
            byte[] ofd = ofd(dir, TITLE, BODY);

            ExtractedDocument doc = extractor.extract("简报.ofd", ofd);

            assertThat(doc.mediaType()).isEqualTo("application/ofd");
            assertThat(noWhitespace(doc.text())).contains(TITLE, BODY);
            // the title fits on one line of the page and comes back as one line
            assertThat(doc.text().lines()).first().isEqualTo(TITLE);
        }

        @Test
        void ofdWithOneTextObjectPerGlyph() throws Exception {
            // as many producers write it: every glyph its own TextObject, scaled by a CTM, with a
            // boundary hugging the glyph; the title on one baseline, the body on the next line
            byte[] ofd = handWrittenOfd(List.of(TITLE, BODY.substring(0, 20)));

            ExtractedDocument doc = extractor.extract("许可证.ofd", ofd);

            assertThat(doc.text()).isEqualTo(TITLE + "\n" + BODY.substring(0, 20));
        }

        @Test
        void reads_doc() throws Exception {
            ExtractedDocument doc = extractor.extract("简报.doc", fixture("briefing-zh.doc"));

            assertThat(doc.mediaType()).isEqualTo("application/msword");
            // Word 97 text comes with a blank line between paragraphs
            assertThat(doc.text()).isEqualTo(TITLE + "\n\n" + BODY);
        }

        @Test
        void wpsIsReadAsWordNotAsMicrosoftWorks() throws Exception {
            ExtractedDocument doc = extractor.extract("简报.wps", fixture("briefing-zh.doc"));

            assertThat(doc.mediaType()).isEqualTo("application/msword");
            assertThat(doc.text()).isEqualTo(TITLE + "\n\n" + BODY);
        }

        @Test
        void extensionIsCaseInsensitiveAndClientFoldersAreDropped() throws Exception {
            ExtractedDocument doc = extractor.extract("C:\\fakepath\\简报.DOCX", docx(TITLE));

            assertThat(doc.fileName()).isEqualTo("简报.DOCX");
            assertThat(doc.text()).isEqualTo(TITLE);
        }
    }

    // ---------------------------------------------------------------- refusals

    @Nested
    class Refusals {

        @Test
        void empty() {
            assertRejected(() -> extractor.extract("空白.docx", new byte[0]), Reason.EMPTY, "空白.docx");
            assertRejected(() -> extractor.extract("空白.docx", null), Reason.EMPTY, "空白.docx");
        }

        @Test
        void pdfNamedDocx() throws Exception {
            DocumentRejectedException e = assertRejected(() -> extractor.extract("通知.docx", cjkPdf(TITLE)),
                    Reason.EXTENSION_MISMATCH, "通知.docx");
            assertThat(e.getMessage()).startsWith("文件“通知.docx”的内容与扩展名不符（实际为 PDF）。");
        }

        @Test
        void docxNamedPdf() throws Exception {
            DocumentRejectedException e = assertRejected(() -> extractor.extract("通知.pdf", docx(TITLE)),
                    Reason.EXTENSION_MISMATCH, "通知.pdf");
            assertThat(e.getMessage()).contains("实际为 Word（.docx）");
        }

        @Test
        void imageNamedPdf() throws Exception {
            DocumentRejectedException e = assertRejected(() -> extractor.extract("扫描.pdf", png()),
                    Reason.EXTENSION_MISMATCH, "扫描.pdf");
            assertThat(e.getMessage()).contains("实际为 图片（PNG）");
        }

        @Test
        void unsupportedTypes() throws Exception {
            byte[] exe = new byte[512];
            exe[0] = 'M';
            exe[1] = 'Z';
            for (var upload : Map.of(
                    "setup.exe", exe,
                    "材料.zip", zip(Map.of("a.txt", TITLE.getBytes(StandardCharsets.UTF_8))),
                    "照片.png", png(),
                    "统计表.xlsx", xlsx(),
                    "无扩展名", docx(TITLE),
                    "简报.docx.", docx(TITLE)).entrySet()) {
                DocumentRejectedException e = assertRejected(() -> extractor.extract(upload.getKey(), upload.getValue()),
                        Reason.UNSUPPORTED_TYPE, upload.getKey());
                assertThat(e.getMessage()).isEqualTo("文件“" + upload.getKey()
                        + "”的格式不受支持。支持的格式：Word（.doc/.docx）、WPS（.wps）、PDF、OFD、ODT、RTF、TXT、HTML。");
            }
        }

        @Test
        void exeNamedDocx() {
            byte[] exe = new byte[512];
            exe[0] = 'M';
            exe[1] = 'Z';
            DocumentRejectedException e = assertRejected(() -> extractor.extract("简报.docx", exe),
                    Reason.EXTENSION_MISMATCH, "简报.docx");
            assertThat(e.getMessage()).contains("可执行程序");
        }

        @Test
        void truncatedDocx() throws Exception {
            byte[] docx = docx(TITLE, BODY);
            byte[] truncated = Arrays.copyOf(docx, docx.length / 2);

            assertRejected(() -> extractor.extract("简报.docx", truncated), Reason.CORRUPT, "简报.docx");
        }

        @Test
        void randomBytesNamedPdf() {
            byte[] random = new byte[4096];
            new Random(42).nextBytes(random);

            DocumentRejectedException e = assertRejected(() -> extractor.extract("简报.pdf", random), Reason.CORRUPT, "简报.pdf");
            assertThat(e.getMessage()).startsWith("文件“简报.pdf”已损坏或无法读取。");
        }

        @Test
        void binaryNamedTxt() {
            byte[] random = new byte[4096];
            new Random(7).nextBytes(random);
            random[10] = 0;

            assertRejected(() -> extractor.extract("简报.txt", random), Reason.CORRUPT, "简报.txt");
        }

        @Test
        void zipWithoutOfdXmlNamedOfd() throws Exception {
            byte[] zip = zip(Map.of("Doc_0/Document.xml", "<x/>".getBytes(StandardCharsets.UTF_8)));

            assertRejected(() -> extractor.extract("公文.ofd", zip), Reason.CORRUPT, "公文.ofd");
        }

        @Test
        void ofdWithExternalEntityIsRefused(@TempDir Path dir) throws Exception {
            // an XXE in an OFD part would copy a server file into the extracted text
            Path secret = dir.resolve("secret.txt");
            Files.writeString(secret, "SERVER-SECRET");
            byte[] ofd = ofd(dir, TITLE);
            byte[] evil = rewriteZip(ofd, (name, data) -> {
                if (!name.endsWith("Content.xml")) {
                    return data;
                }
                String xml = new String(data, StandardCharsets.UTF_8);
                xml = xml.replaceFirst("\\?>", "?><!DOCTYPE x [<!ENTITY e SYSTEM \"" + secret.toUri() + "\">]>")
                        .replace(TITLE, "&e;");
                return xml.getBytes(StandardCharsets.UTF_8);
            });

            DocumentRejectedException e = assertRejected(() -> extractor.extract("公文.ofd", evil), Reason.CORRUPT, "公文.ofd");
            assertThat(e.getMessage()).doesNotContain("SERVER-SECRET");
        }

        @Test
        void passwordProtectedDocx() throws Exception {
            DocumentRejectedException e = assertRejected(() -> extractor.extract("报告.docx", encryptedDocx(docx(TITLE))),
                    Reason.ENCRYPTED, "报告.docx");
            assertThat(e.getMessage()).isEqualTo("文件“报告.docx”已加密，请去除密码后重新上传。");
        }

        @Test
        void pdfWithUserPassword() throws Exception {
            assertRejected(() -> extractor.extract("报告.pdf", encryptedPdf()), Reason.ENCRYPTED, "报告.pdf");
        }

        @Test
        void tooLarge() {
            DocumentExtractor small = extractor(ExtractionProperties.defaults().withMaxFileSize(DataSize.ofKilobytes(1)));
            byte[] exactly = "a".repeat(1024).getBytes(StandardCharsets.US_ASCII);
            byte[] over = "a".repeat(1025).getBytes(StandardCharsets.US_ASCII);

            assertThat(small.extract("简报.txt", exactly).size()).isEqualTo(1024);
            DocumentRejectedException e = assertRejected(() -> small.extract("简报.txt", over), Reason.TOO_LARGE, "简报.txt");
            assertThat(e.getMessage()).contains("超过 1 KB 上限");
        }

        @Test
        void defaultLimitIsTwentyMegabytes() {
            byte[] over = new byte[20 * 1024 * 1024 + 1];
            DocumentRejectedException e = assertRejected(() -> extractor.extract("大文件.pdf", over), Reason.TOO_LARGE, "大文件.pdf");
            assertThat(e.getMessage()).contains("超过 20 MB 上限");
        }

        @Test
        void pdfWithoutText() throws Exception {
            DocumentRejectedException e = assertRejected(() -> extractor.extract("扫描件.pdf", pdfWithRectangleOnly()),
                    Reason.NO_TEXT, "扫描件.pdf");
            assertThat(e.getMessage()).isEqualTo("文件“扫描件.pdf”中没有可提取的文字（如为扫描件，请另附文字稿）。");
        }

        /** Nothing but a byte-order mark, spaces or an empty body: the same answer as an empty file. */
        @Test
        void filesThatSayNothingAreEmptyFiles() throws Exception {
            String empty = assertRejected(() -> extractor.extract("空白.txt", new byte[0]), Reason.EMPTY, "空白.txt")
                    .getMessage();
            byte[][] blanks = {
                " \r\n\u3000\u3000\r\n\t\n".getBytes(StandardCharsets.UTF_8),
                {(byte) 0xef, (byte) 0xbb, (byte) 0xbf},
                {(byte) 0xff, (byte) 0xfe},
                {(byte) 0xfe, (byte) 0xff},
                {(byte) 0xff, (byte) 0xfe, 0x20, 0x00, 0x0a, 0x00},
                "\uFEFF\u200B \n".getBytes(StandardCharsets.UTF_8)};
            for (byte[] blank : blanks) {
                DocumentRejectedException e = assertRejected(() -> extractor.extract("空白.txt", blank), Reason.EMPTY,
                        "空白.txt");
                assertThat(e.getMessage()).isEqualTo(empty);
            }
            assertThat(assertRejected(() -> extractor.extract("空白.docx", TestDocuments.docx("", "  ")), Reason.EMPTY,
                    "空白.docx").getMessage()).isEqualTo(empty.replace("空白.txt", "空白.docx"));
        }

        @Test
        void zipBombDocxIsRefusedQuickly() throws Exception {
            // 200 MB of text in word/document.xml, deflated to a few hundred KB
            byte[] bomb = zipBombDocx(200L * 1024 * 1024);
            assertThat(bomb.length).isLessThan(2 * 1024 * 1024);

            long start = System.nanoTime();
            assertRejected(() -> extractor.extract("简报.docx", bomb), Reason.CORRUPT, "简报.docx");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }

        @Test
        void timeout() throws Exception {
            DocumentExtractor hasty = extractor(ExtractionProperties.defaults().withParseTimeout(Duration.ofMillis(1)));
            String[] paragraphs = new String[3000];
            Arrays.fill(paragraphs, BODY);
            byte[] docx = docx(paragraphs);

            DocumentRejectedException e = assertRejected(() -> hasty.extract("长文.docx", docx), Reason.TIMEOUT, "长文.docx");
            assertThat(e.getMessage()).contains("处理超时");
        }
    }

    // ---------------------------------------------------------------- limits and details

    @Test
    void writeLimitTruncatesInsteadOfRefusing() {
        DocumentExtractor brief = extractor(ExtractionProperties.defaults().withMaxExtractedChars(1000));
        byte[] txt = (BODY + "\n").repeat(200).getBytes(StandardCharsets.UTF_8);

        ExtractedDocument doc = brief.extract("长文.txt", txt);

        assertThat(doc.text()).startsWith(BODY).hasSizeLessThanOrEqualTo(1000).hasSizeGreaterThan(900);
    }

    @Test
    void writeLimitAppliesToOfd(@TempDir Path dir) throws Exception {
        DocumentExtractor brief = extractor(ExtractionProperties.defaults().withMaxExtractedChars(30));
        ExtractedDocument doc = brief.extract("公文.ofd", ofd(dir, TITLE, BODY));

        assertThat(doc.text()).hasSizeLessThanOrEqualTo(30).startsWith("黄江镇");
    }

    @Test
    void attachmentsInsidePdfAreNotParsed() throws Exception {
        byte[] pdf = pdfWithAttachment();
        assertThat(recursiveTikaText(pdf)).as("precondition: Tika would read the attachment").contains("ATTACHMENT-TEXT-7731");

        ExtractedDocument doc = extractor.extract("cover.pdf", pdf);

        assertThat(doc.text()).contains("Cover page").doesNotContain("ATTACHMENT-TEXT-7731");
    }

    @Test
    void documentsEmbeddedInDocxAreNotParsed() throws Exception {
        String inner = "嵌入文档中的内容不应被提取";
        byte[] docx = docxWithEmbeddedDocx(TITLE, inner);
        assertThat(recursiveTikaText(docx)).as("precondition: Tika would read the embedded document").contains(inner);

        ExtractedDocument doc = extractor.extract("简报.docx", docx);

        assertThat(doc.text()).contains(TITLE).doesNotContain(inner);
    }

    @Test
    void normalisesLineEndsAndBlankLinesButKeepsCharacters() {
        assertThat(DocumentExtractor.normalise("\r\n \r\n标题  \r\n\r\n\r\n\u3000\u3000\r\n\u3000\u3000第一段\r第二段\t\n\n\n\n"))
                .isEqualTo("标题\n\n\u3000\u3000第一段\n第二段");
    }

    @Test
    void toStringNeverShowsTheText() throws Exception {
        ExtractedDocument doc = extractor.extract("简报.docx", docx(TITLE));

        assertThat(doc.toString()).doesNotContain(TITLE).contains("chars=" + TITLE.length());
    }

    @Test
    void propertiesBindWithDefaultsAndOverrides() {
        ExtractionProperties defaults = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("jianbao.intake", ExtractionProperties.class);
        ExtractionProperties custom = new Binder(new MapConfigurationPropertySource(Map.of(
                "jianbao.intake.max-file-size", "5MB",
                "jianbao.intake.max-extracted-chars", "2000",
                "jianbao.intake.parse-timeout", "15s")))
                .bindOrCreate("jianbao.intake", ExtractionProperties.class);

        assertThat(defaults).isEqualTo(ExtractionProperties.defaults());
        assertThat(defaults.maxFileSize()).isEqualTo(DataSize.ofMegabytes(20));
        assertThat(defaults.maxExtractedChars()).isEqualTo(1_000_000);
        assertThat(defaults.parseTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(custom).isEqualTo(new ExtractionProperties(DataSize.ofMegabytes(5), 2000, Duration.ofSeconds(15)));
    }

    // ---------------------------------------------------------------- helpers

    private static DocumentRejectedException assertRejected(ThrowingCallable call, Reason reason, String fileName) {
        DocumentRejectedException e = catchThrowableOfType(DocumentRejectedException.class, call);
        assertThat(e).as("expected a refusal with reason %s", reason).isNotNull();
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.fileName()).isEqualTo(fileName);
        assertThat(e.getMessage()).contains("文件“" + fileName + "”").containsPattern("[\\u4e00-\\u9fff]{4,}");
        return e;
    }

    static String noWhitespace(String s) {
        return s.replaceAll("[\\s\\u3000\\u00a0]+", "");
    }

    static String longText() {
        return TITLE + "\n\n" + BODY + "\n"
                + "镇综治办牵头，联合派出所、司法所和各村（社区）组成宣传小分队，深入企业、学校、集贸市场开展宣传活动，"
                + "发放宣传资料三千余份，悬挂横幅一百二十条，接受群众咨询四百余人次。\n"
                + "下一步，黄江镇将持续加大宣传力度，完善线索核查和反馈机制，切实提高群众安全感和满意度。\n";
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = DocumentExtractorTest.class.getResourceAsStream("/fixtures/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return in.readAllBytes();
        }
    }

}
