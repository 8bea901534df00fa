-- The health policy counts consecutive failed attempts only (spec 001: "After 5 failed attempts: mark webhook as
-- failing"); the streak of failed deliveries it used to count is gone.
alter table webhooks drop column consecutive_failed_deliveries;
