package cn.jianbao.intake;

import cn.jianbao.access.Classification;
import cn.jianbao.directory.Unit;
import java.util.List;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One information item or news lead, as stored in our table, with its reader tokens (see ReadPolicy).
 * {@code number}: the 报送编号 people read and type (see {@link SubmissionNumber}); {@code id} is the key.
 */
public record Submission(
        UUID id,
        String number,
        Unit unit,
        String liaisonId,
        String author,
        String title,
        SubmissionKind kind,
        Classification classification,
        String body,
        String explanation,
        OffsetDateTime eventTime,
        SubmissionStatus status,
        String adoption,
        Integer points,
        String rejectionReason,
        String processInstanceId,
        int revision,
        OffsetDateTime submittedAt,
        OffsetDateTime updatedAt,
        List<String> readers,
        Timeliness timeliness,
        UUID commissionId) {

    public Submission {
        readers = readers == null ? List.of() : List.copyOf(readers);
    }
}
