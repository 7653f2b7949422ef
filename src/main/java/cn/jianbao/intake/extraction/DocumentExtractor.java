package cn.jianbao.intake.extraction;

import cn.jianbao.web.Inputs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.microsoft.OfficeParserConfig;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.sax.BodyContentHandler;
import org.ofdrw.core.basicStructure.pageObj.Content;
import org.ofdrw.core.basicStructure.pageObj.Page;
import org.ofdrw.core.basicStructure.pageObj.Template;
import org.ofdrw.core.basicStructure.pageObj.layer.CT_Layer;
import org.ofdrw.core.basicStructure.pageObj.layer.PageBlockType;
import org.ofdrw.core.basicStructure.pageObj.layer.block.CT_PageBlock;
import org.ofdrw.core.basicStructure.pageObj.layer.block.TextObject;
import org.ofdrw.core.basicType.ST_Box;
import org.ofdrw.core.text.TextCode;
import org.ofdrw.reader.OFDReader;
import org.ofdrw.reader.model.TemplatePageEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Step "extract" of submission intake: checks an upload (size, format against extension,
 * password, readability) and returns its plain text. Everything a liaison can fix comes back
 * as a {@link DocumentRejectedException} with a Chinese message naming the file.
 * <p>
 * Office, PDF, ODT, RTF, TXT and HTML go through Tika; OFD, which Tika does not know, through
 * ofdrw. Detection and parsing run on a small pool with a time limit. The text is never logged.
 */
@Component
public class DocumentExtractor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DocumentExtractor.class);

    static final MediaType DOCX = MediaType.application("vnd.openxmlformats-officedocument.wordprocessingml.document");
    static final MediaType OOXML_PROTECTED = MediaType.application("x-tika-ooxml-protected");
    static final MediaType OOXML = MediaType.application("x-tika-ooxml");
    static final MediaType MSWORD = MediaType.application("msword");
    static final MediaType OLE2 = MediaType.application("x-tika-msoffice");
    static final MediaType PDF = MediaType.application("pdf");
    static final MediaType OFD = MediaType.application("ofd");
    static final MediaType ZIP = MediaType.application("zip");
    static final MediaType ODT = MediaType.application("vnd.oasis.opendocument.text");
    static final MediaType RTF = MediaType.application("rtf");
    static final MediaType TEXT = MediaType.TEXT_PLAIN;
    static final MediaType HTML = MediaType.text("html");
    static final MediaType XHTML = MediaType.application("xhtml+xml");
    static final MediaType OCTET = MediaType.OCTET_STREAM;

    /** Zip bomb limits, see {@link #inspectZip}: POI's own ratio, with more grace. */
    static final long MAX_INFLATE_RATIO = 100;
    static final long INFLATE_GRACE = 1024 * 1024;
    static final long MAX_UNPACKED_BYTES = 512L * 1024 * 1024;
    private static final int MAX_ZIP_ENTRIES = 20_000;
    /** XML parts of one OFD, all together: its text lives in small Content.xml files. */
    private static final long OFD_MAX_XML_BYTES = 64L * 1024 * 1024;
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

    /** The formats we take, each with the type its content must show. */
    enum Format {
        DOCX("Word（.docx）", DocumentExtractor.DOCX, "docx"),
        DOC("Word（.doc）", MSWORD, "doc"),
        // Kingsoft WPS: an OLE2 file with a WordDocument stream, read as Word 97. Tika's name
        // table says .wps is Microsoft Works, so the name is kept out of detection.
        WPS("WPS（.wps）", MSWORD, "wps"),
        PDF("PDF", DocumentExtractor.PDF, "pdf"),
        OFD("OFD", DocumentExtractor.OFD, "ofd"),
        ODT("ODT", DocumentExtractor.ODT, "odt"),
        RTF("RTF", DocumentExtractor.RTF, "rtf"),
        TXT("纯文本（TXT）", TEXT, "txt"),
        HTML("HTML", DocumentExtractor.HTML, "html", "htm");

        final String label;
        final MediaType type;
        final List<String> extensions;

        Format(String label, MediaType type, String... extensions) {
            this.label = label;
            this.type = type;
            this.extensions = List.of(extensions);
        }

        static Format byExtension(String ext) {
            for (Format f : values()) {
                if (f.extensions.contains(ext)) {
                    return f;
                }
            }
            return null;
        }
    }

    private final ExtractionProperties properties;
    private final Detector detector;
    private final MediaTypeRegistry registry;
    private final AutoDetectParser parser;
    private final ThreadPoolExecutor pool;

    public DocumentExtractor(ExtractionProperties properties) {
        this.properties = properties;
        TikaConfig tika = TikaConfig.getDefaultConfig();
        this.detector = tika.getDetector();
        this.registry = tika.getMediaTypeRegistry();
        this.parser = new AutoDetectParser(tika);
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        AtomicInteger n = new AtomicInteger();
        // Bounded both ways: a flood of uploads queues up to 64 and is then refused, rather
        // than starting a thread per file.
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64), r -> {
            Thread t = new Thread(r, "document-extractor-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.pool.allowCoreThreadTimeOut(true);
    }

    /**
     * @param fileName as uploaded; its extension decides the expected format
     * @param content  the whole file
     * @throws DocumentRejectedException whenever no text can be taken from the file
     */
    public ExtractedDocument extract(String fileName, byte[] content) {
        long started = System.nanoTime();
        String name = baseName(fileName);
        long size = content == null ? 0 : content.length;
        try {
            ExtractedDocument doc = check(name, content);
            log.info("extracted type={} size={} chars={} ms={}", doc.mediaType(), size, doc.text().length(),
                    millisSince(started));
            return doc;
        } catch (DocumentRejectedException e) {
            // Neither the file name (it may say too much) nor the parser's message (it may quote
            // the content): the reason, the numbers and the exception's class are enough to trace.
            log.info("rejected reason={} ext={} size={} ms={} cause={}", e.reason(), extension(name), size,
                    millisSince(started), e.getCause() == null ? "-" : e.getCause().getClass().getName());
            throw e;
        }
    }

    private ExtractedDocument check(String name, byte[] content) {
        if (content == null || content.length == 0 || onlyByteOrderMark(content)) {
            throw DocumentRejectedException.empty(name);
        }
        if (content.length > properties.maxFileSize().toBytes()) {
            throw DocumentRejectedException.tooLarge(name, properties.maxFileSize());
        }
        Format format = Format.byExtension(extension(name));
        if (format == null) {
            throw DocumentRejectedException.unsupported(name);
        }
        Future<Parsed> future;
        try {
            future = pool.submit(() -> detectAndParse(name, format, content));
        } catch (RejectedExecutionException busy) {
            throw DocumentRejectedException.timeout(name, properties.parseTimeout());
        }
        Parsed parsed;
        try {
            parsed = future.get(properties.parseTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | CancellationException e) {
            future.cancel(true);
            throw DocumentRejectedException.timeout(name, properties.parseTimeout());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw DocumentRejectedException.timeout(name, properties.parseTimeout());
        } catch (ExecutionException e) {
            throw classify(name, e.getCause());
        }
        String text = normalise(parsed.text());
        if (!Inputs.hasText(text)) {
            // nothing but a byte-order mark, spaces or an empty body is an empty file, whatever its format;
            // a PDF, OFD or old Word file without text is most likely a scan
            throw emptyFormat(format, content) ? DocumentRejectedException.empty(name) : DocumentRejectedException.noText(name);
        }
        return new ExtractedDocument(name, parsed.mediaType().toString(), content.length, sha256(content), text);
    }

    private record Parsed(MediaType mediaType, String text) {
    }

    /** UTF-8, UTF-16 or UTF-32 byte-order mark and nothing else (too short for detection to tell). */
    private static boolean onlyByteOrderMark(byte[] c) {
        int[] b = new int[c.length];
        for (int i = 0; i < c.length; i++) {
            b[i] = c[i] & 0xff;
        }
        return c.length == 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf
                || c.length == 2 && (b[0] == 0xff && b[1] == 0xfe || b[0] == 0xfe && b[1] == 0xff)
                || c.length == 4 && (b[0] == 0 && b[1] == 0 && b[2] == 0xfe && b[3] == 0xff
                        || b[0] == 0xff && b[1] == 0xfe && b[2] == 0 && b[3] == 0);
    }

    /** A file of this format without text holds nothing: plain text and markup, or a .docx/.odt without pictures. */
    private static boolean emptyFormat(Format format, byte[] content) {
        return switch (format) {
            case TXT, HTML, RTF -> true;
            case DOCX, ODT -> !hasPictures(content);
            default -> false;
        };
    }

    private static boolean hasPictures(byte[] content) {
        try (var zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(content))) {
            for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                String n = entry.getName();
                if (n.startsWith("word/media/") || n.startsWith("Pictures/")) {
                    return true;
                }
            }
        } catch (IOException e) {
            return true; // read before as a valid file: say "no text" rather than "empty"
        }
        return false;
    }

    private Parsed detectAndParse(String name, Format format, byte[] content) throws Exception {
        MediaType byContent = detect(content, null);
        MediaType parseAs = accept(name, format, content, byContent);
        if (format == Format.DOCX || format == Format.ODT) {
            inspectZip(content, null);
        }
        if (format == Format.OFD) {
            return new Parsed(OFD, ofdText(content));
        }
        return new Parsed(parseAs, tikaText(name, format, parseAs, content));
    }

    /** What to parse the file as, or why not: the content must agree with the extension. */
    private MediaType accept(String name, Format format, byte[] content, MediaType byContent) throws IOException {
        if (byContent.equals(OOXML_PROTECTED)) {
            // an OOXML file behind a password: whatever its name says, the liaison must remove it
            throw DocumentRejectedException.encrypted(name, null);
        }
        boolean unknown = byContent.equals(OCTET);
        switch (format) {
            case DOCX -> {
                // a truncated or damaged package may only show as a zip: let the parser decide
                if (is(byContent, DOCX) || unknown || byContent.equals(ZIP) || byContent.equals(OOXML)) {
                    return DOCX;
                }
            }
            case DOC, WPS -> {
                if (is(byContent, MSWORD) || unknown || byContent.equals(OLE2)) {
                    return MSWORD;
                }
            }
            case PDF -> {
                if (is(byContent, PDF) || unknown) {
                    return PDF;
                }
            }
            case OFD -> {
                if (byContent.equals(ZIP) || unknown) {
                    return OFD;
                }
            }
            case ODT -> {
                if (is(byContent, ODT) || unknown || byContent.equals(ZIP)) {
                    return ODT;
                }
            }
            case RTF -> {
                if (is(byContent, RTF) || unknown) {
                    return RTF;
                }
            }
            case TXT -> {
                // any text will do (a .txt holding HTML is still text); bytes Tika cannot place
                // are usually GBK/GB18030, which its charset detection handles, unless they hold NULs
                if (is(byContent, TEXT)) {
                    return TEXT;
                }
                if (unknown) {
                    if (looksBinary(content) || !is(detect(content, name), TEXT)) {
                        throw DocumentRejectedException.corrupt(name, null);
                    }
                    return TEXT;
                }
            }
            case HTML -> {
                if (is(byContent, HTML) || is(byContent, XHTML)) {
                    return HTML;
                }
                // a fragment without <html> or a doctype shows as plain text: the name decides
                if ((unknown || byContent.equals(TEXT)) && is(detect(content, name), HTML)) {
                    return HTML;
                }
            }
        }
        throw DocumentRejectedException.mismatch(name, label(byContent));
    }

    private String tikaText(String name, Format format, MediaType type, byte[] content) throws Exception {
        Metadata metadata = new Metadata();
        // .wps would make Tika think of Microsoft Works: parse it under its real type only
        if (format != Format.WPS) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
        }
        metadata.set(TikaCoreProperties.CONTENT_TYPE_USER_OVERRIDE, type.toString());
        BodyContentHandler handler = new BodyContentHandler(properties.maxExtractedChars());
        try (TikaInputStream in = TikaInputStream.get(content)) {
            parser.parse(in, handler, metadata, parseContext());
        } catch (SAXException | TikaException e) {
            // reaching the write limit only means the text is long: keep what we have
            if (!WriteLimitReachedException.isWriteLimitReached(e)) {
                throw e;
            }
        }
        return handler.toString();
    }

    private ParseContext parseContext() {
        ParseContext context = new ParseContext();
        // Attachments inside a document (an .exe in a .docx, a PDF portfolio) are never parsed.
        context.set(Parser.class, org.apache.tika.parser.EmptyParser.INSTANCE);
        context.set(EmbeddedDocumentExtractor.class, new EmbeddedDocumentExtractor() {
            @Override
            public boolean shouldParseEmbedded(Metadata metadata) {
                return false;
            }

            @Override
            public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml) {
                // skipped on purpose
            }
        });
        OfficeParserConfig office = new OfficeParserConfig();
        // streams word/document.xml instead of building a DOM: a large .docx costs little heap,
        // and parsing stops soon after the write limit
        office.setUseSAXDocxExtractor(true);
        context.set(OfficeParserConfig.class, office);
        PDFParserConfig pdf = new PDFParserConfig();
        // a scanned PDF is answered with NO_TEXT ("attach a text version"), never OCRed here
        pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
        pdf.setExtractInlineImages(false);
        context.set(PDFParserConfig.class, pdf);
        TesseractOCRConfig ocr = new TesseractOCRConfig();
        ocr.setSkipOcr(true);
        context.set(TesseractOCRConfig.class, ocr);
        return context;
    }

    // ---- OFD ----

    private String ofdText(byte[] content) throws IOException {
        Path dir = Files.createTempDirectory("jianbao-ofd-");
        try {
            inspectZip(content, dir);
            OfdText text = new OfdText();
            try (OFDReader reader = new OFDReader(dir.toString(), false)) {
                int pages = reader.getNumberOfPages();
                for (int i = 1; i <= pages && text.out.length() <= properties.maxExtractedChars(); i++) {
                    Page page = reader.getPage(i);
                    // template pages carry the letterhead and form labels of many official documents
                    for (Template template : page.getTemplates()) {
                        TemplatePageEntity entity = reader.getTemplate(template.getTemplateID().toString());
                        if (entity != null && entity.getPage() != null) {
                            text.page(entity.getPage());
                        }
                    }
                    text.page(page);
                    text.endPage();
                }
            }
            StringBuilder out = text.out;
            if (out.length() > properties.maxExtractedChars()) {
                out.setLength(properties.maxExtractedChars());
            }
            return out.toString();
        } finally {
            deleteQuietly(dir);
        }
    }

    /**
     * The TextCode runs of OFD pages in document order. OFD places every run (often every
     * glyph) on its own; runs on the same baseline are joined into one line, others start a new one.
     */
    private static final class OfdText {
        final StringBuilder out = new StringBuilder();
        private Double lastBaseline;

        void page(Page page) {
            Content content = page.getContent();
            if (content != null) {
                for (CT_Layer layer : content.getLayers()) {
                    blocks(layer.getPageBlocks(), 0);
                }
            }
        }

        void endPage() {
            out.append("\n\n");
            lastBaseline = null;
        }

        private void blocks(List<PageBlockType> blocks, int depth) {
            if (depth > 64) {
                return;
            }
            for (PageBlockType block : blocks) {
                if (block instanceof TextObject text) {
                    text(text);
                } else if (block instanceof CT_PageBlock nested) {
                    blocks(nested.getPageBlocks(), depth + 1);
                }
            }
        }

        private void text(TextObject text) {
            ST_Box box = text.getBoundary();
            double top = box == null || box.getTopLeftY() == null ? 0 : box.getTopLeftY();
            // CTM "a b c d e f" maps the run's own coordinates into the boundary: y' = b·x + d·y + f
            double b = 0;
            double d = 1;
            double f = 0;
            Double[] ctm = text.getCTM() == null ? null : text.getCTM().toDouble();
            if (ctm != null && ctm.length == 6 && ctm[1] != null && ctm[3] != null && ctm[5] != null) {
                b = ctm[1];
                d = ctm[3];
                f = ctm[5];
            }
            Double size = text.getSize();
            double tolerance = size == null || size <= 0 ? 1.0 : Math.max(0.2, Math.abs(size * d) / 2);
            double x = 0;
            Double y = null;
            for (TextCode code : text.getTextCodes()) {
                // a TextCode without X or Y goes on where the one before left off
                if (code.getX() != null) {
                    x = code.getX();
                }
                if (code.getY() != null) {
                    y = code.getY();
                }
                String s = code.getContent();
                if (s == null || s.isEmpty()) {
                    continue;
                }
                Double baseline = y == null ? null : top + b * x + d * y + f;
                boolean sameLine = baseline != null && lastBaseline != null
                        && Math.abs(baseline - lastBaseline) < tolerance;
                if (!sameLine && out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                    out.append('\n');
                }
                out.append(s);
                lastBaseline = baseline;
            }
        }
    }

    /**
     * Reads a zip package once, as a stream, before any parser sees it: refuses zip bombs (an
     * entry inflating more than {@value #MAX_INFLATE_RATIO}:1 beyond {@value #INFLATE_GRACE}
     * bytes, or more than {@value #MAX_UNPACKED_BYTES} bytes in all), which would otherwise cost
     * the parser minutes of CPU or gigabytes of heap. Costs at most one pass of inflation, cut short
     * at the first bad entry. With {@code ofdDir} it also writes the package's XML parts there
     * (OFD text lives in them; fonts, images and attachments stay packed), refusing path tricks and
     * DTDs: ofdrw reads the XML with a default dom4j reader, which would resolve external entities.
     */
    private static void inspectZip(byte[] content, Path ofdDir) throws IOException {
        long total = 0;
        long ofdXml = 0;
        int entries = 0;
        boolean hasOfdRoot = false;
        byte[] buffer = new byte[64 * 1024];
        Path root = ofdDir == null ? null : ofdDir.toRealPath();
        CountingInputStream raw = new CountingInputStream(new ByteArrayInputStream(content));
        try (ZipInputStream zip = new ZipInputStream(raw, StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (++entries > MAX_ZIP_ENTRIES) {
                    throw new ZipBombException("more than " + MAX_ZIP_ENTRIES + " entries");
                }
                String entryName = entry.getName().replace('\\', '/');
                while (entryName.startsWith("/")) {
                    entryName = entryName.substring(1);
                }
                Path target = null;
                if (root != null && !entry.isDirectory() && entryName.toLowerCase(Locale.ROOT).endsWith(".xml")) {
                    target = root.resolve(entryName).normalize();
                    if (!target.startsWith(root) || target.equals(root)) {
                        throw new IOException("entry outside the package");
                    }
                    hasOfdRoot |= root.relativize(target).toString().equalsIgnoreCase("OFD.xml");
                    Files.createDirectories(target.getParent());
                }
                long startedAt = raw.count;
                long inflated = 0;
                ByteArrayOutputStream head = new ByteArrayOutputStream();
                try (OutputStream out = target == null ? OutputStream.nullOutputStream() : Files.newOutputStream(target)) {
                    int read;
                    while ((read = zip.read(buffer)) > 0) {
                        inflated += read;
                        total += read;
                        // the zip stream reads ahead up to 512 bytes: allow for them
                        long compressed = raw.count - startedAt + 512;
                        if (inflated > INFLATE_GRACE && inflated > compressed * MAX_INFLATE_RATIO) {
                            throw new ZipBombException("entry inflates more than " + MAX_INFLATE_RATIO + ":1");
                        }
                        if (total > MAX_UNPACKED_BYTES) {
                            throw new ZipBombException("more than " + MAX_UNPACKED_BYTES + " bytes unpacked");
                        }
                        if (target != null) {
                            ofdXml += read;
                            if (ofdXml > OFD_MAX_XML_BYTES) {
                                throw new ZipBombException("more than " + OFD_MAX_XML_BYTES + " bytes of OFD XML");
                            }
                            if (head.size() < 4096) {
                                head.write(buffer, 0, Math.min(read, 4096 - head.size()));
                            }
                            out.write(buffer, 0, read);
                        }
                    }
                }
                if (target != null && declaresDtd(head.toByteArray())) {
                    throw new IOException("DTD in an OFD part");
                }
            }
        }
        if (root != null && !hasOfdRoot) {
            throw new IOException("no OFD.xml");
        }
    }

    private static final class ZipBombException extends IOException {
        ZipBombException(String message) {
            super("suspected zip bomb: " + message);
        }
    }

    private static final class CountingInputStream extends java.io.FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }

    /** A DOCTYPE can only stand before the root element, so the first 4 KB tell. */
    private static boolean declaresDtd(byte[] head) {
        String utf8 = new String(head, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT);
        String utf16 = new String(head, StandardCharsets.ISO_8859_1).replace("\0", "").toUpperCase(Locale.ROOT);
        return utf8.contains("<!DOCTYPE") || utf16.contains("<!DOCTYPE");
    }

    // ---- helpers ----

    private MediaType detect(byte[] content, String name) throws IOException {
        Metadata metadata = new Metadata();
        if (name != null) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
        }
        try (TikaInputStream in = TikaInputStream.get(content)) {
            return detector.detect(in, metadata);
        }
    }

    private boolean is(MediaType type, MediaType expected) {
        return registry.isInstanceOf(type.getBaseType(), expected);
    }

    private DocumentRejectedException classify(String name, Throwable failure) {
        if (failure instanceof DocumentRejectedException rejected) {
            return rejected;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof org.apache.tika.exception.EncryptedDocumentException
                    || t instanceof org.apache.poi.EncryptedDocumentException
                    || t instanceof org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException) {
                return DocumentRejectedException.encrypted(name, failure);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        // TikaException, IOException, SAXException, a parser's RuntimeException, even an Error:
        // to the liaison the file cannot be read
        return DocumentRejectedException.corrupt(name, failure);
    }

    private String label(MediaType type) {
        // HTML before TXT: text/html is a kind of text/plain
        for (Format f : List.of(Format.DOCX, Format.DOC, Format.PDF, Format.ODT, Format.RTF, Format.HTML, Format.TXT)) {
            if (is(type, f.type)) {
                return f.label;
            }
        }
        String t = type.getBaseType().toString();
        String sub = type.getSubtype().toLowerCase(Locale.ROOT);
        if (t.equals("application/zip")) {
            return "ZIP 压缩包";
        }
        if (sub.contains("rar") || sub.contains("7z") || sub.contains("gzip") || sub.equals("x-tar")) {
            return "压缩包";
        }
        if (sub.contains("msdownload") || sub.contains("dosexec") || sub.contains("executable")
                || sub.contains("elf") || sub.contains("sharedlib")) {
            return "可执行程序";
        }
        if (type.getType().equals("image")) {
            return "图片（" + sub.replace("x-", "").toUpperCase(Locale.ROOT) + "）";
        }
        if (sub.contains("spreadsheet") || sub.contains("ms-excel")) {
            return "Excel 表格";
        }
        if (sub.contains("presentation") || sub.contains("powerpoint")) {
            return "PowerPoint 演示文稿";
        }
        if (sub.contains("ms-works")) {
            return "Microsoft Works 文档";
        }
        return t;
    }

    /** NULs in the first 8 KB: not a text file in any charset we take (UTF-16 has a BOM and is detected as text). */
    private static boolean looksBinary(byte[] content) {
        int n = Math.min(content.length, 8192);
        for (int i = 0; i < n; i++) {
            if (content[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /** \n line ends, no trailing spaces, at most one blank line in a row, trimmed; every other character kept. */
    static String normalise(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        int blanks = 0;
        for (String line : LINE_BREAK.split(text.replace("\uFEFF", ""), -1)) {
            String kept = line.stripTrailing(); // also fullwidth spaces: a line of them is blank
            if (kept.isEmpty()) {
                blanks++;
                continue;
            }
            if (out.length() > 0) {
                out.append(blanks > 0 ? "\n\n" : "\n");
            }
            blanks = 0;
            out.append(kept);
        }
        return out.toString().strip();
    }

    private static String baseName(String fileName) {
        if (fileName == null) {
            return "";
        }
        String s = fileName.strip();
        int slash = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
        return slash >= 0 ? s.substring(slash + 1) : s;
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).strip().toLowerCase(Locale.ROOT);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("could not delete temporary OFD folder {}", dir);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
