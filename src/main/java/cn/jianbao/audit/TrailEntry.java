package cn.jianbao.audit;

import java.time.OffsetDateTime;

/** One step of an item's approval path: what happened where, by whom, when and why. */
public record TrailEntry(String step, String stepId, String actor, String actorName, String decision,
                         String decisionLabel, String comment, OffsetDateTime startedAt, OffsetDateTime endedAt) {
}
