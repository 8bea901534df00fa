-- Replay jobs (spec 001 "Event Replay"): events of a time range read again from the event store and queued to the
-- dispatcher's replay lane, a batch at a time at a set pace. The job row is the only state: any management-api
-- instance may run its next batch (claimed with for update skip locked), and a restart resumes from the cursor.
create table replay_jobs (
    id                 text primary key,
    workspace_id       text not null references workspaces (id),
    -- null: every webhook of the workspace that is active and subscribed when the batch runs; no foreign key, so that
    -- the job outlives a deleted webhook (it then fails with a reason)
    webhook_id         text,
    -- the types as asked, category wildcards kept; null: every type
    event_types        text[],
    -- the concrete types read from the event store, fixed at creation (asked ∩ subscribed), so that events_found and
    -- the progress count the same events
    scan_types         text[] not null,
    range_from         timestamptz not null,
    range_to           timestamptz not null,
    events_per_second  integer not null check (events_per_second > 0),
    state              text not null check (state in ('queued', 'running', 'completed', 'cancelled', 'failed')),
    events_found       bigint not null,
    -- progress: events read and handled (queued to every matching webhook)
    events_queued      bigint not null default 0,
    deliveries_queued  bigint not null default 0,
    -- the last event handled, in (created_at, id) order; null before the first batch
    cursor_created_at  timestamptz,
    cursor_event_id    text,
    -- when the next batch may run: the pace
    next_run_at        timestamptz not null,
    created_at         timestamptz not null,
    updated_at         timestamptz not null,
    finished_at        timestamptz,
    error              text
);
create index replay_jobs_workspace on replay_jobs (workspace_id, created_at desc, id desc);
create index replay_jobs_due on replay_jobs (next_run_at) where state in ('queued', 'running');
