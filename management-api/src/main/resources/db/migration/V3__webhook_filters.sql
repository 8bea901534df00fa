-- Optional filters beyond event types (workspaces, campaign ids, contact tags, a payload condition), as given.
alter table webhooks add column filters jsonb;
