-- Spec 001's index for replays and "latest event of a type" (test sends): a workspace's events of a type by time.
create index webhook_events_type on webhook_events (workspace_id, event_type, created_at desc);
-- The delivery log's search by contact e-mail looks events up by the address (spec 002: data.contact.email of e-mail
-- events, data.email of contact events), ignoring case.
create index webhook_events_contact on webhook_events
    (workspace_id, lower(coalesce(envelope #>> '{data,contact,email}', envelope #>> '{data,email}')));
