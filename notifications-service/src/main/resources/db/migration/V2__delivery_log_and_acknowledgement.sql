-- Every attempt to deliver an alert, per channel: the delivery log the API shows.
create table delivery_attempt (
    id       bigint      generated always as identity primary key,
    alert_id uuid        not null references alert (id),
    channel  text        not null,
    status   text        not null,
    at       timestamptz not null,
    error    text
);

create index delivery_attempt_alert on delivery_attempt (alert_id, id);

-- The acknowledgement link: only a SHA-256 hash of its token is kept, so a copy of the database
-- cannot acknowledge on anyone's behalf.
alter table alert add column ack_token_hash  bytea unique;
alter table alert add column ack_expires_at  timestamptz;
alter table alert add column acknowledged_at timestamptz;

create index alert_office on alert (office_code, created_at);
create index staff_contact_mission on staff_contact (mission_id);
