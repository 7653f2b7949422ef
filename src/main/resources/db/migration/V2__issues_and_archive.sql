-- Numbered briefing issues (简报 第N期) and the items they carry.
create table issue (
    id                  uuid         primary key,
    series              varchar(16)  not null check (series in ('briefing', 'special', 'circular', 'flash')),
    title               varchar(200) not null,
    comprehensive       boolean      not null,
    distribution        jsonb        not null,
    print_run           integer      not null check (print_run > 0),
    status              varchar(16)  not null check (status in ('draft', 'published')),
    year                integer,
    number              integer,
    process_instance_id varchar(64),
    created_by          varchar(64)  not null,
    created_at          timestamptz  not null,
    signed_by           varchar(64),
    published_at        timestamptz,
    unique (series, year, number)
);

-- An item appears in one issue at most.
create table issue_item (
    issue_id      uuid         not null references issue (id) on delete cascade,
    submission_id uuid         not null unique references submission (id),
    position      integer      not null,
    headline      varchar(200) not null,
    primary key (issue_id, position)
);

-- Next number per series and year; the row lock of the upsert serialises concurrent sign-offs,
-- and a rolled-back publication rolls its number back too, so there are no gaps.
create table issue_number (
    series      varchar(16) not null,
    year        integer     not null,
    last_number integer     not null,
    primary key (series, year)
);

-- Sign-off decisions and returns of an issue.
create table issue_step (
    id         bigserial   primary key,
    issue_id   uuid        not null references issue (id) on delete cascade,
    step       varchar(32) not null,
    task_id    varchar(64) unique,
    actor      varchar(64) not null,
    decision   varchar(16) not null,
    comment    text,
    started_at timestamptz not null,
    decided_at timestamptz not null
);

-- Items waiting to be (re)indexed in the search archive: written in the publication's own
-- transaction, drained by ArchiveIndexer, retried with backoff while Elasticsearch is away.
create table archive_outbox (
    submission_id   uuid        primary key references submission (id),
    enqueued_at     timestamptz not null,
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    last_error      text
);
create index archive_outbox_due_idx on archive_outbox (next_attempt_at);
