-- "Clear Failed Log" (spec 004 delivery log bulk action) archives failed deliveries rather than deleting them:
-- the delivery log and its failed summary leave archived ones out unless asked (include_archived=true); a retry
-- of an archived delivery brings it back. Null: not archived.
alter table webhook_deliveries add column archived_at timestamptz;
