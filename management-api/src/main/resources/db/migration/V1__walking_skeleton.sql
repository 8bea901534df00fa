-- Workspaces, API keys (hashed), webhooks, secrets (encrypted), the delivery log and the config outbox.
create table workspaces (
    id          text primary key,
    name        text not null,
    created_at  timestamptz not null default now()
);

create table api_keys (
    id            text primary key,
    workspace_id  text not null references workspaces (id),
    name          text not null,
    key_hash      text not null unique,
    key_prefix    text not null,
    role          text not null check (role in ('admin', 'developer')),
    created_at    timestamptz not null default now(),
    revoked_at    timestamptz
);

create table webhooks (
    id            text primary key,
    workspace_id  text not null references workspaces (id),
    name          text not null,
    description   text,
    url           text not null,
    event_types   text[] not null,
    status        text not null check (status in ('active', 'paused', 'disabled')),
    timeout_ms    integer not null,
    max_attempts  integer not null,
    flavor        text not null default 'platform',
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);
create index webhooks_workspace on webhooks (workspace_id, created_at desc);

-- A hash cannot sign, so secrets are encrypted (AES-GCM, key from configuration), never stored in clear.
create table webhook_secrets (
    id                bigserial primary key,
    webhook_id        text not null references webhooks (id) on delete cascade,
    encrypted_secret  text not null,
    created_at        timestamptz not null default now(),
    expires_at        timestamptz
);
create index webhook_secrets_webhook on webhook_secrets (webhook_id);

-- One row per delivery (event x webhook); no foreign key to webhooks so history outlives a deleted webhook.
create table webhook_deliveries (
    id                text primary key,
    webhook_id        text not null,
    workspace_id      text not null,
    event_id          text not null,
    event_type        text not null,
    status            text not null,
    attempts          integer not null,
    max_attempts      integer not null,
    last_status_code  integer,
    last_duration_ms  bigint,
    last_error        text,
    created_at        timestamptz not null,
    last_attempt_at   timestamptz,
    next_attempt_at   timestamptz
);
create index webhook_deliveries_webhook on webhook_deliveries (webhook_id, created_at desc, id desc);

create table delivery_attempts (
    delivery_id      text not null references webhook_deliveries (id) on delete cascade,
    attempt          integer not null,
    outcome          text not null,
    url              text,
    status_code      integer,
    duration_ms      bigint not null,
    error            text,
    request_headers  jsonb,
    response_body    text,
    attempted_at     timestamptz not null,
    next_attempt_at  timestamptz,
    primary key (delivery_id, attempt)
);

-- Config changes are written here in the same transaction as the change, then published to Kafka in id order.
create table config_outbox (
    id            bigserial primary key,
    topic         text not null,
    record_key    text not null,
    payload       bytea,
    created_at    timestamptz not null default now(),
    published_at  timestamptz
);
create index config_outbox_pending on config_outbox (id) where published_at is null;
