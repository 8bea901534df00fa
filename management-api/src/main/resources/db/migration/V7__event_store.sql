-- The event store: every canonical event, as receivers get it, for manual retries and replays (and search later).
create table webhook_events (
    id            text primary key,
    workspace_id  text not null,
    event_type    text not null,
    envelope      jsonb not null,
    created_at    timestamptz not null,
    stored_at     timestamptz not null default now()
);
create index webhook_events_workspace on webhook_events (workspace_id, created_at desc);

-- A delivery queued again by hand shows so until its next attempt is recorded.
alter table webhook_deliveries add column requeued_at timestamptz;
