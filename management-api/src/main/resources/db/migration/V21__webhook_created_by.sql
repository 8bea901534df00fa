-- Who created a webhook (spec 004 details page, "Created: <date> by <who>"): a dashboard user's e-mail address,
-- or "API key <name> (<prefix>…)". Null for webhooks created before this column existed.
alter table webhooks add column created_by text;
