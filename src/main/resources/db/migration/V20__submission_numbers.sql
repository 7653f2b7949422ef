-- A 报送编号 people can say on the phone: the unit's short name, the year and a sequence without gaps
-- per unit and year (黄江〔2026〕37号), like the issue numbers. The UUID stays the key and the process's
-- business key; the number is given once, in the transaction that stores the item, and never changes.
alter table unit add column short_name varchar(40);
-- 黄江镇 → 黄江, 东城街道 → 东城, 市公安局 → 公安局; where two units would share one, the full name
update unit set short_name = regexp_replace(regexp_replace(name, '^(市|县|区)(?=..)', ''),
                                            '(?<=..)(街道办事处|街道|办事处|镇|乡)$', '');
update unit u set short_name = name
where exists (select 1 from unit o where o.code <> u.code and o.short_name = u.short_name);
update unit u set short_name = name || '（' || code || '）'
where exists (select 1 from unit o where o.code <> u.code and o.short_name = u.short_name);
alter table unit alter column short_name set not null;
create unique index unit_short_name_idx on unit (short_name);

create table submission_number (
    unit_code   varchar(32) not null references unit (code),
    year        integer     not null,
    last_number integer     not null,
    primary key (unit_code, year)
);

alter table submission add column number varchar(80);
alter table submission add column number_year integer;
alter table submission add column number_seq integer;
-- items already stored are numbered in the order they arrived (the year in the office's time, Beijing)
with numbered as (
    select s.id, u.short_name, extract(year from s.submitted_at at time zone 'Asia/Shanghai')::int y,
           row_number() over (partition by s.unit_code, extract(year from s.submitted_at at time zone 'Asia/Shanghai')
                              order by s.submitted_at, s.id) n
    from submission s join unit u on u.code = s.unit_code)
update submission s set number = numbered.short_name || '〔' || numbered.y || '〕' || numbered.n || '号',
                        number_year = numbered.y, number_seq = numbered.n
from numbered where numbered.id = s.id;
insert into submission_number (unit_code, year, last_number)
select unit_code, number_year, max(number_seq) from submission group by unit_code, number_year;
alter table submission alter column number set not null;
alter table submission alter column number_year set not null;
alter table submission alter column number_seq set not null;
create unique index submission_number_idx on submission (number);
create unique index submission_unit_year_seq_idx on submission (unit_code, number_year, number_seq);
