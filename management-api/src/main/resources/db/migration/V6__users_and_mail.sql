-- People of a workspace (spec 001 "users": dashboard login comes with the dashboard); admins get health e-mails.
create table users (
    id            text primary key,
    workspace_id  text not null references workspaces (id),
    email         text not null,
    name          text,
    role          text not null check (role in ('admin', 'developer')),
    created_at    timestamptz not null default now(),
    unique (workspace_id, email)
);

-- E-mails to send, written in the transaction of what they announce and sent by a poller: none is lost to a crash.
create table mail_outbox (
    id           bigserial primary key,
    recipient    text not null,
    subject      text not null,
    body         text not null,
    dedupe_key   text not null unique,
    created_at   timestamptz not null default now(),
    sent_at      timestamptz,
    attempts     integer not null default 0,
    last_error   text
);
create index mail_outbox_unsent on mail_outbox (id) where sent_at is null;
