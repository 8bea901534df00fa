-- Idempotency-Key of creating POSTs: the first request's fingerprint and, once it is done, its answer (the body
-- encrypted: a webhook's creation answer carries its secret). A row without an answer is a request in progress.
create table idempotency_keys (
    workspace_id       text not null,
    idempotency_key    text not null,
    request_hash       text not null,
    status_code        integer,
    encrypted_body     text,
    created_at         timestamptz not null,
    expires_at         timestamptz not null,
    primary key (workspace_id, idempotency_key)
);
create index idempotency_keys_expiry on idempotency_keys (expires_at);
