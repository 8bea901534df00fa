-- Health of a webhook (spec 001 "Failure Handling"): failure streaks, the failing flag, the last success and failure.
alter table webhooks add column consecutive_failed_deliveries integer not null default 0;
alter table webhooks add column consecutive_failed_attempts integer not null default 0;
alter table webhooks add column failing boolean not null default false;
alter table webhooks add column last_success_at timestamptz;
alter table webhooks add column last_failure_at timestamptz;
