-- The words of an item's title, text and attachments as the application's segmenter cut them
-- (ChineseWords), kept so a rebuild of the search index need not segment the whole archive again.
-- `source_key` is a digest of the strings that were segmented and the segmenter's version: words
-- are only reused while it still matches what the item says now.
-- No foreign key to submission, on purpose: the indexer writes here while it holds outbox rows,
-- and a process transaction may hold the item's row lock while it queues the item again; the
-- key check's share lock on the item would close that circle into a deadlock. Items are never
-- deleted, so nothing is orphaned.
create table archive_words (
    submission_id    uuid        primary key,
    source_key       varchar(64) not null,
    title_words      text        not null,
    text_words       text        not null,
    attachment_words text
);
