-- The W3C trace id each attempt's POST carried (traceparent): the delivery log leads to the event's trace, from ingest
-- to the receiver. Null for attempts recorded before tracing.
alter table delivery_attempts add column trace_id text;
