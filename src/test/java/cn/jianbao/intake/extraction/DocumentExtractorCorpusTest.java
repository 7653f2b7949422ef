package cn.jianbao.intake.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Real Chinese documents from {@code ../shared/corpus} (see its README.md and SOURCES.md files),
 * compared with reference extractions made by other tools (LibreOffice, poppler, the OFD XML).
 * An extra: it runs where the shared folder is present and is skipped, saying so, where it is not.
 * The corpus files are read in place, never copied into the project.
 */
class DocumentExtractorCorpusTest {

    /** Share of the reference text's characters that must appear, in order, in ours. */
    static final double MIN_IN_ORDER_SHARE = 0.90;
    /**
     * Form layouts, where reading order is a matter of opinion: poppler reads the e-invoice row by
     * row across the page, PDFBox (Tika's default, content-stream order) label block by label
     * block, with the same characters (in-order share 0.53, 0.72 even with sortByPosition). We
     * keep content-stream order, which keeps the columns of a multi-column briefing apart, and
     * ask these for the same characters in any order.
     */
    static final Set<String> FORM_LAYOUTS = Set.of("ofdrw-einvoice-xbrl-001.pdf");
    static final double MIN_SAME_CHARACTERS_SHARE = 0.95;

    private static Path corpus;
    private static DocumentExtractor extractor;

    @BeforeAll
    static void setUpAll() {
        Path shared = Paths.get(System.getProperty("jianbao.shared.dir", "../shared"));
        corpus = shared.resolve("corpus");
        if (Files.isDirectory(corpus)) {
            extractor = new DocumentExtractor(ExtractionProperties.defaults());
        }
    }

    @BeforeEach
    void requireCorpus() {
        // per test, so each one is reported as skipped with this reason
        Assumptions.assumeTrue(Files.isDirectory(corpus),
                "skipped: the shared corpus is absent (" + corpus.toAbsolutePath().normalize() + ")");
    }

    @AfterAll
    static void tearDown() {
        if (extractor != null) {
            extractor.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> officeDocumentsMatchTheirReferenceText() throws IOException {
        // NAME.docx / NAME.pdf with NAME.docx.expected.txt beside it. The GM/T 0031 PDF has no
        // .expected.txt: its text layer is garbled on purpose (needs OCR), see garbledTextLayer.
        return cases(corpus.resolve("office"), name -> name.endsWith(".docx") || name.endsWith(".pdf"),
                file -> file.resolveSibling(file.getFileName() + ".expected.txt"));
    }

    @TestFactory
    Stream<DynamicTest> ofdDocumentsMatchTheirTextCodes() throws IOException {
        // NAME.ofd with NAME.expected.txt (TextCode of the pages themselves) and, where templates
        // or annotations add text, NAME.expected-full.txt (per page: templates, content,
        // annotations). We extract templates + content, not annotations (notes and stamps laid over
        // the page), so the full text is the reference where there is one: signout's one-line
        // annotation is the only part we miss.
        return cases(corpus.resolve("ofd"), name -> name.endsWith(".ofd"), file -> {
            String base = file.getFileName().toString().replaceFirst("\\.ofd$", "");
            Path full = file.resolveSibling(base + ".expected-full.txt");
            return Files.exists(full) ? full : file.resolveSibling(base + ".expected.txt");
        });
    }

    @Test
    void govdocPdfAgainstItsOwnCleanText() throws IOException {
        // the dataset's own text of the notice is ground truth, not another tool's output
        Path pdf = corpus.resolve("office/govdoc-cn-397-notice.pdf");
        Path truth = corpus.resolve("office/govdoc-cn-397-notice.source.txt");
        Assumptions.assumeTrue(Files.exists(pdf) && Files.exists(truth), "skipped: govdoc-cn-397 not in the corpus");

        String ours = squeeze(extractor.extract(pdf.getFileName().toString(), Files.readAllBytes(pdf)).text());
        String expected = squeeze(Files.readString(truth, StandardCharsets.UTF_8));

        assertThat(inOrderShare(expected, ours)).as("in-order share of the source text").isGreaterThanOrEqualTo(MIN_IN_ORDER_SHARE);
        assertThat(ours).contains("关于加强个人所得税纳税信用建设的通知");
    }

    @Test
    void garbledTextLayer() throws IOException {
        // ofdrw-gmt0031-garbled-textlayer.pdf: CID fonts without a usable ToUnicode map, so every
        // extractor returns mojibake (犐犆犛…); the right text needs OCR. We only check that such a
        // file neither breaks nor hangs the extractor, and assert nothing about its content.
        Path pdf = corpus.resolve("office/ofdrw-gmt0031-garbled-textlayer.pdf");
        Assumptions.assumeTrue(Files.exists(pdf), "skipped: garbled-text-layer PDF not in the corpus");

        try {
            ExtractedDocument doc = extractor.extract(pdf.getFileName().toString(), Files.readAllBytes(pdf));
            assertThat(doc.mediaType()).isEqualTo("application/pdf");
        } catch (DocumentRejectedException e) {
            assertThat(e.reason()).isEqualTo(DocumentRejectedException.Reason.NO_TEXT);
        }
    }

    private Stream<DynamicTest> cases(Path folder, java.util.function.Predicate<String> accepts,
                                      java.util.function.Function<Path, Path> expectedOf) throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(folder), "skipped: " + folder + " is absent");
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> accepts.test(p.getFileName().toString()))
                    .filter(p -> Files.exists(expectedOf.apply(p)))
                    .sorted()
                    .toList();
        }
        assertThat(files).as("corpus files with a reference text in " + folder).isNotEmpty();
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            ExtractedDocument doc = extractor.extract(file.getFileName().toString(), Files.readAllBytes(file));
            String ours = squeeze(doc.text());
            String expected = squeeze(Files.readString(expectedOf.apply(file), StandardCharsets.UTF_8));
            double share = inOrderShare(expected, ours);
            double anyOrder = sameCharactersShare(expected, ours);
            System.out.printf("corpus %-45s reference=%-22s %6d chars, ours %6d, in order %.3f, any order %.3f, contained %s%n",
                    file.getFileName(), expectedOf.apply(file).getFileName().toString().replaceFirst("^.*\\.expected", "expected"),
                    expected.length(), ours.length(), share, anyOrder, ours.contains(expected));
            if (FORM_LAYOUTS.contains(file.getFileName().toString())) {
                assertThat(anyOrder).as("share of %s's reference characters found in any order", file.getFileName())
                        .isGreaterThanOrEqualTo(MIN_SAME_CHARACTERS_SHARE);
            } else {
                assertThat(share).as("share of %s's reference characters found in order", file.getFileName())
                        .isGreaterThanOrEqualTo(MIN_IN_ORDER_SHARE);
            }
        }));
    }

    /** All whitespace removed, fullwidth and no-break spaces included: line breaks differ per tool. */
    static String squeeze(String s) {
        return s.replaceAll("[\\s\\u3000\\u00a0\\u200b\\ufeff]+", "");
    }

    /** Characters of {@code expected} matched one for one by characters of {@code actual}, order ignored. */
    static double sameCharactersShare(String expected, String actual) {
        if (expected.isEmpty()) {
            return 1.0;
        }
        Map<Integer, Integer> available = new HashMap<>();
        actual.codePoints().forEach(c -> available.merge(c, 1, Integer::sum));
        long matched = expected.codePoints().filter(c -> available.merge(c, -1, Integer::sum) >= 0).count();
        return (double) matched / expected.codePoints().count();
    }

    /** Longest common subsequence of the two, as a share of {@code expected}'s length. */
    static double inOrderShare(String expected, String actual) {
        if (expected.isEmpty()) {
            return 1.0;
        }
        int[] previous = new int[actual.length() + 1];
        int[] current = new int[actual.length() + 1];
        for (int i = 1; i <= expected.length(); i++) {
            char c = expected.charAt(i - 1);
            for (int j = 1; j <= actual.length(); j++) {
                current[j] = c == actual.charAt(j - 1) ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return (double) previous[actual.length()] / expected.length();
    }
}
