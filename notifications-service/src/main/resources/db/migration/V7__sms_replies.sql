-- Replies to SMS alerts, as the SMS provider delivered them (its inbound webhook, or an SMPP
-- deliver_sm): one row per provider message id, so a message the provider delivers twice has one
-- effect. The sender's number and the text are personal data: they are kept here, never logged.
create table sms_reply (
    id                  uuid        primary key,
    provider_message_id text        not null unique,
    sender              text        not null,
    text                text        not null,
    received_at         timestamptz not null,
    staff_id            uuid,
    alert_id            uuid,
    outcome             text        not null
);

create index sms_reply_alert on sms_reply (alert_id);

-- The help text answering a reply that was not understood: at most one per alert, claimed in the
-- transaction that sends it (a failed send releases the claim, so the next reply tries again).
create table sms_reply_help (
    alert_id            uuid        primary key,
    sent_at             timestamptz not null,
    provider_message_id text
);

-- A reply shows in its alert's log, beside the delivery attempts: what the person answered and
-- what it did.
alter table delivery_attempt
    add column reply         text,
    add column reply_outcome text;
