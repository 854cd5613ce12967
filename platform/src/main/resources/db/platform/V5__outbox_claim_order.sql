-- The relay claims unpublished events in the order they were written (by position), a batch at a
-- time. The index it had led with next_attempt_at, so every claim read all unpublished events and
-- sorted them: after a rupture of 100,000 staff (as many events in one transaction) a claim of 100
-- took 160 ms and the whole relay slowed as the backlog grew (the rupture benchmark at 100,000).
-- In position order the claim reads its batch and stops; an event waiting out its back-off is
-- passed over by the filter.
create index outbox_event_unpublished on outbox_event (position) where published_at is null;
drop index outbox_event_due;
