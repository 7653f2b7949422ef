-- Every revision of an item's title and text, by its unit (a resubmission) or by the office (改稿):
-- who, when, and why, so the unit, the signer and the auditor see what changed. Revision 1 is what
-- was submitted. Items stored before this keep only their latest text, as revision n.
create table submission_revision (
    submission_id uuid         not null references submission (id) on delete cascade,
    revision      integer      not null,
    title         varchar(200) not null,
    body          text         not null,
    actor         varchar(64)  not null,
    by_office     boolean      not null,
    note          text,
    at            timestamptz  not null,
    primary key (submission_id, revision)
);
insert into submission_revision (submission_id, revision, title, body, actor, by_office, note, at)
select id, revision, title, body, liaison_id, false, null, updated_at from submission;
