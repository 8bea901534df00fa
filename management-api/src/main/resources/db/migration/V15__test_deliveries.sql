-- Test sends (spec 001 "Test Mode") are logged like deliveries, marked so that the log can tell them apart.
alter table webhook_deliveries add column is_test boolean not null default false;
