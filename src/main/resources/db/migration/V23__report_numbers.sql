-- The 通报's document number (扫黑办〔2026〕3号): the office's own series per year, given to a period's
-- 通报 the first time it is made and kept, so every later download carries the same number.
create table report_number (
    period    varchar(16) primary key,
    year      integer     not null,
    number    integer     not null,
    issued_at timestamptz not null,
    unique (year, number)
);
