package cn.jianbao.archive;

import java.time.OffsetDateTime;
import java.util.List;

/** One published item as the search index holds it, with who may read it. */
record ArchiveEntry(String submissionId, String issueId, String series, String seriesLabel, Integer issueYear,
                    Integer issueNumber, String issueTitle, OffsetDateTime publishedAt, String unitCode,
                    String unitName, String kind, String kindLabel, String author, String title, String text,
                    String classification, List<String> readers) {

    /** Readers tokens: everyone, the office (editors, signers, auditors), a unit, a person. */
    static final String EVERYONE = "all";
    static final String OFFICE = "office";

    static String unit(String code) {
        return "unit:" + code;
    }

    static String user(String id) {
        return "user:" + id;
    }
}
