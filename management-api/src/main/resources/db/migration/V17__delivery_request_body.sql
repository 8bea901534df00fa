-- The body a delivery sent (spec 001 "Request Inspector"): the same bytes on every attempt, so kept once a delivery.
alter table webhook_deliveries add column request_body text;
