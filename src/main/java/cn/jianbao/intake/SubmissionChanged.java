package cn.jianbao.intake;

import java.util.UUID;

/**
 * An item's state or content changed (inside the transaction that changed it): the search index
 * queues it again, so the office finds items at every stage.
 */
public record SubmissionChanged(UUID id) {
}
