package cn.jianbao.publication;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A briefing issue: a draft being compiled, or published with its number in series and year.
 *
 * @param lead           编者按, printed before the articles, or null
 * @param numberedCopies the office asked for 份号 on each printed copy
 */
public record Issue(UUID id, Series series, String title, boolean comprehensive, Distribution distribution,
                    int printRun, String status, Integer year, Integer number, String processInstanceId,
                    String createdBy, OffsetDateTime createdAt, String signedBy, OffsetDateTime publishedAt,
                    List<Item> items, String lead, boolean numberedCopies) {

    public boolean published() {
        return "published".equals(status);
    }

    /**
     * An item in print order; {@code mergedInto} names the item whose article it is merged into (合报:
     * one comprehensive piece from several units' items), or is null where the item leads its own.
     */
    public record Item(UUID submissionId, int position, String headline, UUID mergedInto) {
    }

    /** The articles as printed: each a leading item and the items merged into it, in print order. */
    public List<List<Item>> articles() {
        java.util.Map<UUID, List<Item>> byLead = new java.util.LinkedHashMap<>();
        for (Item item : items) {
            UUID lead = item.mergedInto() == null ? item.submissionId() : item.mergedInto();
            byLead.computeIfAbsent(lead, k -> new java.util.ArrayList<>()).add(item);
        }
        return List.copyOf(byLead.values());
    }
}
