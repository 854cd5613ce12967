-- Tables every service needs for reliable messaging. They live in their own schema with their
-- own migration history, so that a service's migrations never collide with the platform's.

create table outbox_event (
    position        bigint generated always as identity primary key,
    event_id        uuid        not null unique,
    type            text        not null,
    exchange        text        not null,
    routing_key     text        not null,
    envelope        jsonb       not null,
    created_at      timestamptz not null default now(),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error      text,
    published_at    timestamptz
);

create index outbox_event_due on outbox_event (next_attempt_at, position) where published_at is null;

create table processed_event (
    consumer     text        not null,
    event_id     uuid        not null,
    event_type   text        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
