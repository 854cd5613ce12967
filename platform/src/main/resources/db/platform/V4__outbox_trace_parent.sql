-- The W3C traceparent of the span that wrote the event: the relay sends it in the message's
-- headers, so that the consumers' spans continue the trace of the request that caused the event.
-- Null for events written outside any trace (and for re-driven dead letters: they start a new one).
alter table outbox_event add column trace_parent text;
