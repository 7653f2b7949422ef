package cn.jianbao.publication;

import java.util.List;
import java.util.UUID;

/** Published inside the sign-off transaction; the archive queues the items for indexing. */
public record IssuePublished(UUID issueId, List<UUID> submissionIds) {
}
