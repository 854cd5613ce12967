-- The W3C traceparent of the span an alert was queued in (the consumer's of the event that caused
-- it): the dispatcher sends the alert in a span of that trace, so one trace runs from the request
-- at the gateway to the SMTP session and the SMS provider's call. Null when queued outside a trace.
alter table alert add column trace_parent text;
