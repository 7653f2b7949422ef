-- Notifications: one row per person and event (the in-app list), and one delivery per outside
-- channel the person chose (an outbox: written in the transaction of the work that caused it,
-- sent later with retries, so a mail server or chat robot that is down delays nothing).
create table notification (
    id            uuid primary key,
    recipient     varchar(64)  not null,
    kind          varchar(32)  not null,
    message       varchar(400) not null, -- never an item's text; no title of a restricted item
    link          varchar(300),
    submission_id uuid,
    created_at    timestamptz  not null,
    read_at       timestamptz
);
create index notification_recipient on notification (recipient, created_at desc);
create index notification_unread on notification (recipient) where read_at is null;

create table notification_delivery (
    id              uuid primary key,
    notification_id uuid         not null references notification (id),
    recipient       varchar(64)  not null,
    channel         varchar(16)  not null, -- email, wecom, dingtalk
    target          varchar(500) not null,
    text            varchar(1000) not null, -- what leaves the system: public titles at most
    status          varchar(16)  not null default 'pending', -- pending, sent, failed (gave up)
    attempts        int          not null default 0,
    next_attempt_at timestamptz  not null,
    last_error      varchar(500),
    created_at      timestamptz  not null,
    sent_at         timestamptz
);
create index notification_delivery_due on notification_delivery (next_attempt_at) where status = 'pending';
create index notification_delivery_recipient on notification_delivery (recipient, created_at desc);

create table notification_preference (
    user_id      varchar(64) primary key,
    email        boolean     not null default false,
    webhook_kind varchar(16), -- wecom, dingtalk
    webhook_url  varchar(500),
    updated_at   timestamptz not null
);

-- Timeliness: the urgency the liaison chose, the deadline it gave (event time + the deadline
-- table's hours, by the version in force that day) and how late the item came, if it did.
alter table submission add column urgency varchar(16) not null default 'routine';
alter table submission add column report_deadline timestamptz;
alter table submission add column late_seconds bigint;

-- Quotas: who was reminded of which window when (the office's 催报 record), and each window's
-- outcome once it has ended (a missed quota's ledger entry is made once).
create table quota_reminder (
    id            uuid primary key,
    unit_code     varchar(32)  not null references unit (code),
    window_key    varchar(32)  not null,
    item_kind     varchar(16)  not null,
    level         varchar(16)  not null, -- liaison, leader
    recipients    varchar(500) not null,
    required      int          not null,
    submitted     int          not null,
    reminded_at   timestamptz  not null,
    reminded_by   varchar(64)  not null,
    process_instance_id varchar(64)
);
create index quota_reminder_unit on quota_reminder (unit_code, reminded_at desc);

create table quota_outcome (
    unit_code   varchar(32) not null references unit (code),
    item_kind   varchar(16) not null,
    window_key  varchar(32) not null,
    required    int         not null,
    submitted   int         not null,
    met         boolean     not null,
    event_id    uuid,
    closed_at   timestamptz not null,
    primary key (unit_code, item_kind, window_key)
);

-- A task waiting past its due date notifies the next person up, once.
create table task_escalation (
    task_id      varchar(64) primary key,
    submission_id uuid,
    step         varchar(64) not null,
    notified     varchar(500) not null,
    escalated_at timestamptz not null
);

-- Missed quotas are scored from the day quotas were switched on, never retroactively.
create table quota_settings (
    id             int primary key default 1 check (id = 1),
    counting_since date not null
);
insert into quota_settings (counting_since) values (current_date);

-- The scheduled 催报 run of a day, started once whichever node's scheduler fires first.
create table quota_run (
    day                 date primary key,
    process_instance_id varchar(64),
    started_at          timestamptz not null
);
