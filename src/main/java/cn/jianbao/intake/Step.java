package cn.jianbao.intake;

import java.time.OffsetDateTime;

/** One step an item passed: submitted, a decision at a user task, a resubmission. */
public record Step(String step, String taskId, String actor, String decision, String comment,
                   OffsetDateTime startedAt, OffsetDateTime decidedAt) {
}
