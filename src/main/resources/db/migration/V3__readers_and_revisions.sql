-- Reader tokens of each item, from cn.jianbao.access.ReadPolicy: the list, the page, the
-- downloads, the issues and the search index all check a caller's tokens against these.
alter table submission add column readers text[] not null default '{}';
create index submission_readers_idx on submission using gin (readers);

-- The revision an item had when it was returned: a resubmission must bring a newer one.
alter table submission add column returned_revision integer;
