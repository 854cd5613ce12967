-- An event no queue is bound for yet is not a failure to retry on the back-off schedule: it waits,
-- offered again now and then, until a queue subscribes (or its retention ends). Since when it waits:
alter table outbox_event add column unrouted_since timestamptz;
