-- Units and people: who belongs where and in which role. Camunda's identity tables hold
-- passwords and groups; these hold what the business needs (unit kind, display names).
create table unit (
    code        varchar(32)  primary key,
    name        varchar(100) not null,
    kind        varchar(16)  not null check (kind in ('town', 'member', 'office'))
);

create table person (
    user_id      varchar(64)  primary key,
    unit_code    varchar(32)  not null references unit (code),
    display_name varchar(100) not null,
    role         varchar(16)  not null check (role in ('liaison', 'leader', 'editor', 'signer', 'auditor', 'admin'))
);
create index person_unit_idx on person (unit_code);

-- One information item or news lead; its id is the business key of its submission process.
create table submission (
    id                  uuid         primary key,
    unit_code           varchar(32)  not null references unit (code),
    liaison_id          varchar(64)  not null,
    author              varchar(100) not null,
    title               varchar(200) not null,
    kind                varchar(16)  not null check (kind in ('dynamic', 'research', 'case', 'special', 'news_lead')),
    classification      varchar(16)  not null check (classification in ('public', 'internal', 'restricted')),
    body                text         not null,
    explanation         text,
    event_time          timestamptz,
    status              varchar(32)  not null,
    adoption            varchar(16)  check (adoption in ('standalone', 'comprehensive', 'rejected')),
    points              integer,
    rejection_reason    text,
    process_instance_id varchar(64),
    revision            integer      not null default 1,
    -- the client's Idempotency-Key: a repeated POST returns the first submission instead of a copy
    client_key          varchar(100),
    submitted_at        timestamptz  not null,
    updated_at          timestamptz  not null
);
create index submission_unit_status_idx on submission (unit_code, status);
create index submission_status_idx on submission (status, submitted_at desc);
create unique index submission_client_key_idx on submission (liaison_id, client_key) where client_key is not null;

-- Uploaded originals. Replaced documents stay (superseded) so the trail can show what was approved.
create table document (
    id             uuid         primary key,
    submission_id  uuid         not null references submission (id) on delete cascade,
    file_name      varchar(255) not null,
    media_type     varchar(127) not null,
    size_bytes     bigint       not null,
    sha256         char(64)     not null,
    content        bytea        not null,
    extracted_text text         not null,
    revision       integer      not null,
    -- upload order within a revision; the first is the main document (正文)
    position       integer      not null,
    superseded     boolean      not null default false,
    uploaded_by    varchar(64)  not null,
    uploaded_at    timestamptz  not null
);
create index document_submission_idx on document (submission_id);

-- Every step an item passed: submission, each decision, each resubmission.
create table decision (
    id            bigserial    primary key,
    submission_id uuid         not null references submission (id) on delete cascade,
    step          varchar(32)  not null,
    task_id       varchar(64),
    actor         varchar(64)  not null,
    decision      varchar(16)  not null,
    comment       text,
    started_at    timestamptz  not null,
    decided_at    timestamptz  not null
);
create index decision_submission_idx on decision (submission_id, decided_at);
-- a task is decided once: a second completion of the same task is refused by the database too
create unique index decision_task_idx on decision (task_id) where task_id is not null;
