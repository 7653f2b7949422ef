-- Failed logins, per account (the user id as typed, also one nobody has) and per source address:
-- how many since the last success or lock, when the last was, and until when logins are refused.
-- A lock always ends (jianbao.login.lock-duration); an administrator lifts it earlier.
create table login_failure (
    kind            varchar(10)  not null check (kind in ('account', 'source')),
    key             varchar(200) not null,
    failures        integer      not null,
    last_failure_at timestamptz  not null,
    locked_until    timestamptz,
    primary key (kind, key)
);
create index login_failure_locked on login_failure (kind, locked_until) where locked_until is not null;
