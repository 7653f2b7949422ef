package cn.jianbao.intake;

import java.time.OffsetDateTime;

/** One revision of an item's title and text: by its unit (1 = as submitted, then resubmissions) or by the office. */
public record Revision(int revision, String title, String body, String actor, boolean byOffice, String note,
                       OffsetDateTime at) {
}
