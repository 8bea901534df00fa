-- Delivery stats (spec 004 overview cards and detail charts), rolled up per webhook and minute as attempts are
-- recorded, in the same transaction as the delivery log and from new attempts only, so the stats endpoints read at
-- most 7 x 1,440 rows a webhook instead of scanning the log. Counts are attempts that made a request (not skipped):
-- sent = delivered + failed; failed = retry_scheduled + dead_lettered (dead_lettered also on its own).
-- latency_buckets counts the attempts by duration, bucket i (1-based) holding durations up to the i-th bound of
-- LatencyHistogram.BOUNDS_MILLIS (5, 10, 15, 25, 40, 60, 100, 150, 250, 400, 600, 1000, 1500, 2500, 4000, 6000,
-- 10000, 15000, 20000, 30000 ms) and the 21st everything longer: p95 is read as the upper bound of the bucket that
-- holds the 95th percentile, never above the longest duration seen (max_duration_ms).
-- workspace_id is in the key so that a record naming another workspace can never add to this workspace's row.
create table delivery_stats_minutes (
    workspace_id       text not null,
    webhook_id         text not null,
    minute             timestamptz not null,
    sent               integer not null,
    delivered          integer not null,
    failed             integer not null,
    dead_lettered      integer not null,
    duration_sum_ms    bigint not null,
    max_duration_ms    bigint not null,
    latency_buckets    integer[] not null,
    primary key (webhook_id, workspace_id, minute)
);
-- the workspace overview: every webhook's minutes of the last day
create index delivery_stats_minutes_workspace on delivery_stats_minutes (workspace_id, minute)
    include (sent, delivered);
