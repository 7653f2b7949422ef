package cn.jianbao.publication.print;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The printed forms of published issues: made once (at sign-off, or at the first download of an
 * issue published before a form could be made) and kept with their SHA-256; a stored form is
 * never made again, so it stays the file that was issued.
 */
@Service
public class IssueDocuments {

    private static final Logger log = LoggerFactory.getLogger(IssueDocuments.class);

    /** A stored form. */
    public record StoredDocument(DocumentFormat format, byte[] content, String sha256, OffsetDateTime createdAt) {
    }

    private final JdbcClient jdbc;
    private final DocxWriter docx;
    private final PdfWriter pdf;
    private final OfdWriter ofd;

    private final TransactionTemplate tx;

    /** The application's clock (tests move it). */
    private final java.time.Clock clock;

    IssueDocuments(JdbcClient jdbc, DocxWriter docx, PdfWriter pdf, OfdWriter ofd, TransactionTemplate tx, java.time.Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.tx = tx;
        this.docx = docx;
        this.pdf = pdf;
        this.ofd = ofd;
    }

    /**
     * Makes and stores every form not stored yet (in the caller's transaction, if any). A form that cannot
     * be made (PDF without a Chinese font, a writer's failure) is left out and logged: it must not
     * stop a publication, and its download says what is missing.
     */
    public Map<DocumentFormat, Long> storeMissing(UUID issueId, PrintedIssue issue) {
        return tx.execute(status -> {
            // one maker per issue at a time (the printer after sign-off, a first download, another node):
            // the second waits and finds the forms stored instead of making them again
            jdbc.sql("select 1 from (select pg_advisory_xact_lock(?, ?)) l").params(LOCK_SPACE, issueId.hashCode())
                    .query(Integer.class).single();
            return storeMissingLocked(issueId, issue);
        });
    }

    /** Advisory lock space of the printed forms (the first key; the issue id's hash is the second). */
    private static final int LOCK_SPACE = 0x4a42_5044; // "JBPD"

    private Map<DocumentFormat, Long> storeMissingLocked(UUID issueId, PrintedIssue issue) {
        Map<DocumentFormat, Long> millis = new EnumMap<>(DocumentFormat.class);
        for (DocumentFormat format : DocumentFormat.values()) {
            if (exists(issueId, format)) {
                continue;
            }
            if (format == DocumentFormat.PDF && !pdf.available()) {
                continue;
            }
            long start = System.nanoTime();
            byte[] content;
            try {
                content = switch (format) {
                    case DOCX -> docx.write(issue);
                    case PDF -> pdf.write(issue);
                    case OFD -> ofd.write(issue);
                };
            } catch (Exception | LinkageError e) {
                log.error("issue {}: the {} could not be made", issueId, format, e);
                continue;
            }
            // on conflict: another node or request stored it first; theirs stands
            jdbc.sql("""
                    insert into issue_document (issue_id, format, content, sha256, size_bytes, created_at)
                    values (?, ?, ?, ?, ?, ?) on conflict do nothing""")
                    .params(issueId, format.code(), content, sha256(content), content.length,
                            OffsetDateTime.now(clock)).update();
            millis.put(format, (System.nanoTime() - start) / 1_000_000);
        }
        if (!millis.isEmpty()) {
            log.info("issue {}: made {} (ms)", issueId, millis);
        }
        return millis;
    }

    /** Issues published in the last week without every form this node can make (PDF only with a font). */
    public java.util.List<UUID> recentlyPublishedWithoutForms() {
        int formats = DocumentFormat.values().length - (pdf.available() ? 0 : 1);
        return jdbc.sql("""
                select i.id from issue i
                where i.status = 'published' and i.published_at > now() - interval '7 days'
                  and (select count(*) from issue_document d where d.issue_id = i.id
                       and (d.format <> 'pdf' or ?)) < ?
                order by i.published_at""").params(pdf.available(), formats).query(UUID.class).list();
    }

    public Optional<StoredDocument> find(UUID issueId, DocumentFormat format) {
        return jdbc.sql("select content, sha256, created_at from issue_document where issue_id = ? and format = ?")
                .params(issueId, format.code())
                .query((rs, i) -> new StoredDocument(format, rs.getBytes("content"), rs.getString("sha256"),
                        rs.getObject("created_at", OffsetDateTime.class)))
                .optional();
    }

    /** What is stored of an issue, without the content: format, hash, size and time. */
    public java.util.List<Map<String, Object>> list(UUID issueId) {
        return jdbc.sql("select format, sha256, size_bytes, created_at from issue_document where issue_id = ? order by format")
                .param(issueId).query((rs, i) -> {
                    Map<String, Object> m = new java.util.LinkedHashMap<>();
                    m.put("format", rs.getString("format"));
                    m.put("sha256", rs.getString("sha256"));
                    m.put("size", rs.getInt("size_bytes"));
                    m.put("createdAt", rs.getObject("created_at", OffsetDateTime.class));
                    return m;
                }).list();
    }

    /**
     * Copies {@code from}..{@code to} of a numbered issue as one PDF, each with its 份号: the stored PDF
     * stamped (made the same way every time, so a copy downloaded again is the same file).
     */
    public byte[] numberedCopies(UUID issueId, PrintedIssue issue, int from, int to) {
        StoredDocument master = find(issueId, DocumentFormat.PDF).orElseGet(() -> {
            storeMissing(issueId, issue);
            return find(issueId, DocumentFormat.PDF).orElseThrow(() -> new IllegalStateException("no PDF for " + issueId));
        });
        try {
            return PdfWriter.copies(master.content(), issue, from, to);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public boolean pdfAvailable() {
        return pdf.available();
    }

    private boolean exists(UUID issueId, DocumentFormat format) {
        return jdbc.sql("select count(*) from issue_document where issue_id = ? and format = ?")
                .params(issueId, format.code()).query(Long.class).single() > 0;
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
