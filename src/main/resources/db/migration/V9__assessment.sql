-- Assessment: the versions of the rule tables with the day each takes effect, the events that
-- earn or cost points, and the append-only points ledger.

-- A rule table's version applies to events from effective_from on, until a later one takes over;
-- past periods keep the rules they had.
create table rule_version (
    decision_key   varchar(64)  not null,
    version        integer      not null,
    effective_from date         not null,
    recorded_by    varchar(64)  not null,
    recorded_at    timestamptz  not null,
    note           varchar(500),
    primary key (decision_key, version)
);

-- What happened, with what the rules need to score it: an adoption in our issue, a 批示, a
-- forward to a higher level and its outcome, a news lead used by the media, a deduction.
create table assessment_event (
    id             uuid         primary key,
    kind           varchar(16)  not null check (kind in ('adoption', 'instruction', 'forward', 'media_use', 'deduction')),
    unit_code      varchar(32)  not null references unit (code),
    submission_id  uuid         references submission (id),
    issue_id       uuid         references issue (id),
    rule_input     varchar(32)  not null,  -- the table's input: adoption, level or reason code
    share          numeric(6,4) not null default 1, -- a unit's share of the points (合报 split)
    happened_on    date         not null,
    leader         varchar(100),
    outlet         varchar(200),
    adopted        boolean,
    content        varchar(2000),
    url            varchar(1000),
    note           varchar(1000),
    feedback_due   date,
    feedback       varchar(2000),
    feedback_at    timestamptz,
    feedback_by    varchar(64),
    recorded_by    varchar(64)  not null,
    recorded_at    timestamptz  not null
);
create index assessment_event_unit on assessment_event (unit_code, happened_on);
create index assessment_event_submission on assessment_event (submission_id);

-- Every point a unit earns or loses, with the rule and version that gave it. Corrections are
-- reversing entries; rows are never changed or removed (the trigger refuses it).
create table ledger_entry (
    id             uuid          primary key,
    unit_code      varchar(32)   not null references unit (code),
    event_id       uuid          references assessment_event (id),
    submission_id  uuid          references submission (id),
    event          varchar(24)   not null,
    points         numeric(10,2) not null,
    yuan           numeric(10,2) not null default 0,
    rule_key       varchar(64),
    rule_version   integer,
    explanation    varchar(1000) not null,
    happened_on    date          not null,
    reverses       uuid          references ledger_entry (id),
    recorded_by    varchar(64)   not null,
    recorded_at    timestamptz   not null
);
create index ledger_entry_unit on ledger_entry (unit_code, happened_on);
create index ledger_entry_day on ledger_entry (happened_on);
-- rankings count each unit's submissions of a period
create index submission_unit_submitted_idx on submission (unit_code, submitted_at);
create unique index ledger_entry_reversed_once on ledger_entry (reverses) where reverses is not null;

create function ledger_entry_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the points ledger is append-only: correct an entry with a reversing entry';
end $$;
create trigger ledger_entry_append_only before update or delete on ledger_entry
    for each row execute function ledger_entry_append_only();

-- The office's policy switches (README "Assessment"): one row, changed by administrators.
create table assessment_policy (
    id                  boolean     primary key default true check (id),
    rank_publicly       boolean     not null default false,
    show_others_points  boolean     not null default false,
    score_instructions  boolean     not null default false,
    updated_by          varchar(64),
    updated_at          timestamptz
);
insert into assessment_policy (id) values (true);

-- Items published before the ledger existed: their adoption, with the points stored on the item
-- then (the adoption table's first version), so every unit's total starts complete.
create temporary table ledger_backfill on commit drop as
select gen_random_uuid() event_id, gen_random_uuid() entry_id, s.id submission_id, s.unit_code, i.id issue_id,
       coalesce(s.adoption, case when i.comprehensive then 'comprehensive' else 'standalone' end) adoption,
       coalesce(s.points, 0) points, (i.published_at at time zone 'Asia/Shanghai')::date as published_on, s.title,
       i.series, i.year, i.number
from submission s join issue_item ii on ii.submission_id = s.id join issue i on i.id = ii.issue_id
where i.status = 'published';
insert into assessment_event (id, kind, unit_code, submission_id, issue_id, rule_input, share, happened_on, recorded_by, recorded_at)
select event_id, 'adoption', unit_code, submission_id, issue_id, adoption, 1, published_on, 'system', now() from ledger_backfill;
insert into ledger_entry (id, unit_code, event_id, submission_id, event, points, yuan, rule_key, rule_version, explanation,
                          happened_on, recorded_by, recorded_at)
select entry_id, unit_code, event_id, submission_id, 'adoption', points, 0, 'adoptionPoints', 1,
       '《' || title || '》' || case adoption when 'comprehensive' then '综合采用' else '单独刊发' end || '于'
       || case series when 'briefing' then '简报' when 'special' then '专报' when 'circular' then '通报' else '快报' end
       || year || '年第' || number || '期（启用积分台账时按原积分补记）', published_on, 'system', now()
from ledger_backfill;
