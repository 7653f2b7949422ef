-- A notice about a step (待办) names its task: when someone decides, everyone's notice of it is
-- marked done and its pending deliveries withdrawn.
alter table notification add column task_id varchar(64);
alter table notification add column done_at timestamptz;
create index notification_task on notification (task_id) where task_id is not null;

-- What reaches a person, per kind of notice and channel (app, email, robot, wecom, dingtalk);
-- a kind without a row follows the defaults (Notifications.DEFAULT_PUSH).
create table notification_choice (
    user_id    varchar(64) not null,
    kind       varchar(32) not null,
    channels   varchar(16)[] not null,
    updated_at timestamptz not null,
    primary key (user_id, kind)
);
