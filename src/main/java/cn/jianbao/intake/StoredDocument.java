package cn.jianbao.intake;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An uploaded original (without its bytes). Superseded documents were replaced in a revision. */
public record StoredDocument(UUID id, UUID submissionId, String fileName, String mediaType, long size,
                             String sha256, int revision, boolean superseded, String uploadedBy,
                             OffsetDateTime uploadedAt) {
}
