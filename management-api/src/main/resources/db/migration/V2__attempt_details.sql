-- What an attempt got back, to explain it: the kind of failure, the response headers, whether the body was cut.
alter table delivery_attempts add column error_class text;
alter table delivery_attempts add column response_headers jsonb;
alter table delivery_attempts add column response_truncated boolean not null default false;
alter table webhook_deliveries add column last_error_class text;
