-- Notifications' own copy of staff contact details (from personnel events).
create table staff_contact (
    staff_id    uuid primary key,
    mission_id  uuid not null,
    office_code text not null,
    full_name   text not null,
    email       text not null,
    phone       text not null,
    language    text not null
);

-- One row per message to send; the unique key makes every alert effectively once.
create table alert (
    id               uuid        primary key,
    staff_id         uuid        not null,
    mission_id       uuid        not null,
    office_code      text        not null,
    deadline_id      uuid        not null,
    deadline_version integer     not null,
    slot             text        not null,
    channel          text        not null,
    recipient        text        not null,
    language         text        not null,
    subject          text,
    body             text        not null,
    status           text        not null,
    attempts         integer     not null default 0,
    next_attempt_at  timestamptz not null default now(),
    last_error       text,
    created_at       timestamptz not null default now(),
    sent_at          timestamptz,
    unique (staff_id, deadline_id, deadline_version, slot, channel)
);

create index alert_due on alert (next_attempt_at) where status in ('QUEUED', 'RETRYING');
create index alert_mission on alert (mission_id);
