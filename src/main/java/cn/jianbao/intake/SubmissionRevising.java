package cn.jianbao.intake;

import java.util.UUID;

/**
 * The office is about to change an item's title or text (改稿). Published inside the transaction
 * before anything is written: a listener that must refuse (publication: the item's issue has gone
 * to sign-off, and what is printed must be what was signed) throws, and nothing is changed.
 */
public record SubmissionRevising(UUID submissionId) {
}
