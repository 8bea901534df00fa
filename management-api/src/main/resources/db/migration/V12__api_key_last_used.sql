-- When a key last authenticated, to the minute at best: management-api writes it at most once a minute per key
-- (not on every request), so a key's last use is recorded without a write per call.
alter table api_keys add column last_used_at timestamptz;

-- The keys endpoints list a workspace's keys, newest first.
create index api_keys_workspace_created_idx on api_keys (workspace_id, created_at desc, id desc);
