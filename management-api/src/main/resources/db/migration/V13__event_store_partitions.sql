-- The event store, partitioned by UTC day of created_at, so that retention drops whole days (EventPartitions) instead
-- of deleting rows one by one. A partitioned table's unique key must hold the partition key: an event's id always
-- comes with the same created_at (both are fixed in the envelope at ingest), so (workspace_id, id, created_at) keeps a
-- repeated Kafka record one row, and its leading columns serve lookups by (workspace_id, id), the requeue's join.
alter table webhook_events rename to webhook_events_v7;
alter index webhook_events_pkey rename to webhook_events_v7_pkey;
alter index webhook_events_workspace rename to webhook_events_v7_workspace;

create table webhook_events (
    id            text not null,
    workspace_id  text not null,
    event_type    text not null,
    envelope      jsonb not null,
    created_at    timestamptz not null,
    stored_at     timestamptz not null default now(),
    primary key (workspace_id, id, created_at)
) partition by range (created_at);
create index webhook_events_workspace on webhook_events (workspace_id, created_at desc);

-- Whatever falls outside the days' partitions (an event dated far back or ahead) is still stored, here.
create table webhook_events_default partition of webhook_events default;

-- A partition for every day the stored events fall on; EventPartitions adds today's and the next days' at start and
-- drops those past the retention.
do $$
declare
    day date;
begin
    for day in select distinct (created_at at time zone 'UTC')::date from webhook_events_v7 loop
        execute format('create table %I partition of webhook_events for values from (%L) to (%L)',
                       'webhook_events_' || to_char(day, 'YYYYMMDD'),
                       day::timestamp at time zone 'UTC', (day + 1)::timestamp at time zone 'UTC');
    end loop;
end
$$;

insert into webhook_events (id, workspace_id, event_type, envelope, created_at, stored_at)
select id, workspace_id, event_type, envelope, created_at, stored_at from webhook_events_v7;

drop table webhook_events_v7;
