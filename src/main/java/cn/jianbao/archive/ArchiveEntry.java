package cn.jianbao.archive;

import java.time.OffsetDateTime;
import java.util.List;

/** One published item as the search index holds it, with its reader tokens (ReadPolicy). */
record ArchiveEntry(String submissionId, String issueId, String series, String seriesLabel, Integer issueYear,
                    Integer issueNumber, String issueTitle, OffsetDateTime publishedAt, String unitCode,
                    String unitName, String kind, String kindLabel, String author, String title, String text,
                    String classification, List<String> readers, String attachments, String stage, String stageLabel,
                    OffsetDateTime submittedAt, Words words) {

    /** The words of title, text and attachments as last segmented, with the digest of what was segmented. */
    record Words(String key, String title, String text, String attachments) {
    }

    /** Without attachments (an item whose documents are its text only). */
    ArchiveEntry(String submissionId, String issueId, String series, String seriesLabel, Integer issueYear,
                 Integer issueNumber, String issueTitle, OffsetDateTime publishedAt, String unitCode, String unitName,
                 String kind, String kindLabel, String author, String title, String text, String classification,
                 List<String> readers) {
        this(submissionId, issueId, series, seriesLabel, issueYear, issueNumber, issueTitle, publishedAt, unitCode,
                unitName, kind, kindLabel, author, title, text, classification, readers, null, "published", "已刊发",
                publishedAt, null);
    }
}
