-- The words of an item's title, text and attachments as the application's segmenter cut them
-- (ChineseWords), kept so a rebuild of the search index need not segment the whole archive again.
-- `source_key` is a digest of the strings that were segmented and the segmenter's version: words
-- are only reused while it still matches what the item says now.
create table archive_words (
    submission_id    uuid        primary key references submission (id) on delete cascade,
    source_key       varchar(64) not null,
    title_words      text        not null,
    text_words       text        not null,
    attachment_words text
);
