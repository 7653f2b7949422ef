-- The office runs its own network: units form a tree, are listed in the office's order and are
-- deactivated rather than deleted; people have several roles, contact details, an active flag and
-- a flag for an initial password that must be changed at the first login.
alter table unit add column parent_code varchar(32) references unit (code);
alter table unit add column active      boolean not null default true;
alter table unit add column sort_order  integer not null default 0;
alter table unit add constraint unit_not_own_parent check (parent_code is null or parent_code <> code);

alter table person add column phone                varchar(32);
alter table person add column email                varchar(254);
alter table person add column active               boolean     not null default true;
alter table person add column must_change_password boolean     not null default false;
alter table person add column updated_at           timestamptz not null default now();

create table person_role (
    user_id varchar(64) not null references person (user_id),
    role    varchar(16) not null check (role in ('liaison', 'leader', 'editor', 'signer', 'auditor', 'admin')),
    primary key (user_id, role)
);
insert into person_role (user_id, role) select user_id, role from person;
alter table person drop column role;

-- Who changed the directory, when and how (等保: administrators' actions are audited).
create table directory_log (
    id          bigserial   primary key,
    at          timestamptz not null,
    actor       varchar(64) not null,
    target_kind varchar(8)  not null check (target_kind in ('unit', 'person')),
    target      varchar(64) not null,
    action      varchar(32) not null,
    detail      jsonb
);
create index directory_log_target_idx on directory_log (target_kind, target, at);
