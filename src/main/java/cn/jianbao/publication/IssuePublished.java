package cn.jianbao.publication;

import java.util.List;
import java.util.UUID;

/**
 * An issue was numbered and published, with the items it carries: announced once, inside the sign-off's
 * transaction, by {@link IssueService#publish}. Its listeners are on the event map (architecture.md).
 */
public record IssuePublished(UUID issueId, List<UUID> submissionIds) {
}
