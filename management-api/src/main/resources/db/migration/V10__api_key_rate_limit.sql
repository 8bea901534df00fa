-- A key's own request rate, overriding penguin.management.rate-limit for it (a partner's integration, a test).
alter table api_keys add column rate_limit_per_second integer check (rate_limit_per_second > 0);
