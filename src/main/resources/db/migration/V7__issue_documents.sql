-- The printed forms of a published issue (DOCX, PDF, OFD), made once at sign-off and kept with
-- their SHA-256: what an auditor downloads years later is the file that was issued, even after
-- units were renamed or the layout changed.
create table issue_document (
    issue_id     uuid        not null references issue (id),
    format       varchar(8)  not null,
    content      bytea       not null,
    sha256       char(64)    not null,
    size_bytes   integer     not null,
    created_at   timestamptz not null,
    primary key (issue_id, format)
);
