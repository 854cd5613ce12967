-- The departure order each person is under, as personnel last announced it: one per person and
-- deadline kind (a reissued deadline keeps its kind and continues its version), so a stale
-- announcement (a lower version) is recognised whatever order events arrive in. A person ordered
-- out again after the order ended (a withdrawn remaining-staff designation) starts a new round.
create table departure_order (
    staff_id          uuid        not null,
    deadline_kind     text        not null,
    mission_id        uuid        not null,
    office_code       text        not null,
    mission_name      text        not null,
    mission_time_zone text        not null,
    deadline_id       uuid        not null,
    deadline_version  integer     not null,
    deadline_status   text        not null,
    due_at            timestamptz,
    round             integer     not null,
    state             text        not null,
    announced_at      timestamptz not null,
    primary key (staff_id, deadline_kind)
);

-- The last time personnel said a person no longer needs alerts (departed, or designated remaining
-- staff): an order announced before that instant but arriving after it raises no alert.
create table staff_ending (
    staff_id uuid        primary key,
    reason   text        not null,
    ended_at timestamptz not null
);

-- Reminders before a deadline, fired once by whichever instance claims them when they fall due.
create table reminder (
    id               uuid        primary key,
    staff_id         uuid        not null,
    deadline_kind    text        not null,
    deadline_id      uuid        not null,
    deadline_version integer     not null,
    round            integer     not null,
    slot             text        not null,
    offset_seconds   bigint      not null,
    fire_at          timestamptz not null,
    status           text        not null,
    unique (staff_id, deadline_id, deadline_version, round, slot)
);

create index reminder_due on reminder (fire_at) where status = 'SCHEDULED';
create index reminder_staff on reminder (staff_id) where status = 'SCHEDULED';

-- Watches an alert that asks for acknowledgement: unacknowledged when due, the office heads hear.
create table escalation (
    staff_id         uuid        not null,
    deadline_kind    text        not null,
    deadline_id      uuid        not null,
    deadline_version integer     not null,
    round            integer     not null,
    due_at           timestamptz not null,
    status           text        not null,
    settled_at       timestamptz,
    office_heads     integer,
    primary key (staff_id, deadline_id, deadline_version, round)
);

create index escalation_due on escalation (due_at) where status = 'WAITING';

-- Alerts are rendered when they are sent, from the person's contact details as they are then, so
-- an order that overtook the contact details waits for them rather than failing. What the message
-- states about the deadline is fixed when the alert is raised.
alter table alert
    add column deadline_kind     text,
    add column round             integer not null default 1,
    add column audience          text    not null default 'STAFF',
    add column mission_name      text,
    add column mission_time_zone text,
    add column due_at            timestamptz,
    add column deadline_status   text,
    add column change            text,
    add column reminder_offset_seconds bigint,
    add column provider_message_id text,
    add column delivered_at      timestamptz;

alter table alert alter column recipient drop not null;
alter table alert alter column language drop not null;
alter table alert alter column body drop not null;

alter table alert drop constraint alert_staff_id_deadline_id_deadline_version_slot_channel_key;
alter table alert add constraint alert_once unique (staff_id, deadline_id, deadline_version, round, slot, channel);

create unique index alert_provider_message on alert (channel, provider_message_id);
create index alert_channel_due on alert (channel, next_attempt_at) where status in ('QUEUED', 'RETRYING');
drop index alert_due;

-- Alerts queued before this version carry no deadline facts to render from: none can be sent now.
update alert set status = 'DEAD', last_error = 'Queued by an earlier version of the service, which stored no deadline facts'
where status in ('QUEUED', 'RETRYING') and mission_time_zone is null;

-- Re-drives of undelivered alerts by administrators.
alter table alert
    add column redrive_count    integer not null default 0,
    add column last_redriven_at timestamptz,
    add column last_redriven_by text;

-- Which instance sent an alert (host and process, or notifications.instance-name).
alter table alert add column sent_by text;
