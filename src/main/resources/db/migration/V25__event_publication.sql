-- Spring Modulith's event publication registry (JDBC, its PostgreSQL schema as of 1.4): an event handed to an
-- @ApplicationModuleListener is written here in the publishing transaction and deleted once the listener has
-- run; what a node did not finish before it died is run again when a node starts.
create table if not exists event_publication (
    id               uuid not null primary key,
    listener_id      text not null,
    event_type       text not null,
    serialized_event text not null,
    publication_date timestamp with time zone not null,
    completion_date  timestamp with time zone
);
create index if not exists event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index if not exists event_publication_by_completion_date_idx on event_publication (completion_date);
