-- Distribution lists the office uses again and again (报/送/发), saved under a name.
create table distribution_list (
    id           uuid         primary key,
    name         varchar(100) not null unique,
    distribution jsonb        not null,
    created_by   varchar(64)  not null,
    updated_at   timestamptz  not null
);
