-- Stamps the writes to the search index: each document carries the stamp of the write that put it
-- there, the database the last stamp given. Taken after what is written was read, in a transaction
-- (a row, not a sequence, whose value a backup would take at another moment than its snapshot), so a
-- backup holds a stamp exactly when it holds what the documents with that stamp say. Documents stamped
-- above the database's stamp hold changes the database does not have (restored from a backup): the
-- application then rebuilds the index (ArchiveIndexer).
create table archive_stamp (
    single boolean primary key default true check (single),
    n      bigint  not null
);
insert into archive_stamp (n) values (0);
