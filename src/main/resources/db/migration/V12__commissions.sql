-- Commissioned articles (约稿): one row per commission, one per unit asked, with that unit's
-- reading, answer or refusal; topic plans (报送计划) whose publication creates commissions.
create table topic_plan (
    id           uuid primary key,
    title        varchar(200) not null,
    period       varchar(16)  not null,
    status       varchar(16)  not null default 'draft', -- draft, published
    created_by   varchar(64)  not null,
    created_at   timestamptz  not null,
    published_at timestamptz
);

create table commission (
    id                  uuid primary key,
    title               varchar(200)  not null,
    description         varchar(4000) not null,
    kinds               text[]        not null,
    deadline            timestamptz   not null,
    plan_id             uuid references topic_plan (id),
    created_by          varchar(64)   not null,
    created_at          timestamptz   not null,
    process_instance_id varchar(64)
);
create index commission_plan on commission (plan_id);

create table commission_unit (
    commission_id  uuid        not null references commission (id),
    unit_code      varchar(32) not null references unit (code),
    status         varchar(16) not null default 'unread', -- unread, read, answered, declined, overdue
    read_at        timestamptz,
    read_by        varchar(64),
    answered_at    timestamptz,
    declined_at    timestamptz,
    declined_by    varchar(64),
    decline_reason varchar(1000),
    reminded_at    timestamptz,
    overdue_at     timestamptz,
    event_id       uuid,
    primary key (commission_id, unit_code)
);
create index commission_unit_unit on commission_unit (unit_code);

create table topic_plan_topic (
    plan_id       uuid          not null references topic_plan (id),
    position      int           not null,
    title         varchar(200)  not null,
    description   varchar(4000) not null,
    kinds         text[]        not null,
    deadline      timestamptz   not null,
    units         text[]        not null,
    commission_id uuid references commission (id),
    primary key (plan_id, position)
);

alter table submission add column commission_id uuid references commission (id);
create index submission_commission on submission (commission_id) where commission_id is not null;
