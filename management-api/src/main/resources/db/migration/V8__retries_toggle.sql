-- Spec 004's "Enable Retries" toggle: off means one attempt, whatever max_retries says (kept for when it is on again).
alter table webhooks add column retries_enabled boolean not null default true;
