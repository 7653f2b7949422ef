-- Every unit and person on an issue's 报/送/发 lists receives it at sign-off; the first opening
-- by the person (or, for a unit, by anyone of it) is the receipt. A reminder goes out once to
-- what is still unread after a while.
create table issue_recipient (
    issue_id     uuid         not null references issue (id),
    kind         varchar(8)   not null check (kind in ('unit', 'person')),
    code         varchar(64)  not null,
    list         varchar(8)   not null check (list in ('report', 'send', 'issue')),
    position     integer      not null, -- the order of the lists as the editor wrote them
    delivered_at timestamptz  not null,
    read_at      timestamptz,
    read_by      varchar(64),
    reminded_at  timestamptz,
    primary key (issue_id, kind, code)
);
create index issue_recipient_inbox on issue_recipient (kind, code, delivered_at desc);
create index issue_recipient_unread on issue_recipient (delivered_at) where read_at is null and reminded_at is null;
