-- The owner's own headers sent with every POST (spec 004 create form): {"Authorization": "...", "X-...": "..."}.
alter table webhooks add column headers jsonb;
