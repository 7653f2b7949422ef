package cn.jianbao.publication;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A briefing issue: a draft being compiled, or published with its number in series and year. */
public record Issue(UUID id, Series series, String title, boolean comprehensive, Distribution distribution,
                    int printRun, String status, Integer year, Integer number, String processInstanceId,
                    String createdBy, OffsetDateTime createdAt, String signedBy, OffsetDateTime publishedAt,
                    List<Item> items) {

    public boolean published() {
        return "published".equals(status);
    }

    public record Item(UUID submissionId, int position, String headline) {
    }
}
