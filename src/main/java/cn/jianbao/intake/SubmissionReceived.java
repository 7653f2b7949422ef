package cn.jianbao.intake;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A new item was stored (inside the transaction that stores it): listeners record its deadline
 * and tell whom it concerns, before the item is acknowledged.
 */
public record SubmissionReceived(UUID id, String unitCode, String kind, Urgency urgency, OffsetDateTime eventTime,
                                 OffsetDateTime submittedAt, UUID commissionId, String liaisonId) {
}
