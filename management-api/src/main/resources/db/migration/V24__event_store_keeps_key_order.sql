-- The event store keeps each envelope's text as written instead of jsonb's: jsonb re-orders an object's keys (shorter
-- first), so a manual retry or a replay of a stored event sent its keys in another order than the first delivery.
-- Delivered bodies keep the keys in the order the producer sent them (docs/api.md, "Canonical bodies"), and so does
-- the store now. Events stored before keep jsonb's order. The contact-search index (V18) is rebuilt on json's #>>.
alter table webhook_events alter column envelope type json using envelope::json;
