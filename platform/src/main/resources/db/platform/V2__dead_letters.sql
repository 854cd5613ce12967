-- Events a consumer gave up on: kept here, out of the broker, so that an administrator can list
-- them with their reason and re-drive them. A message reaches this table from the consumer's own
-- recoverer after its last retry, or from the broker's dead-letter queue (a message the consumer
-- could not even record, or one the broker dead-lettered after too many redeliveries).
create table dead_letter (
    id               uuid        primary key,
    queue            text        not null,
    event_id         uuid,
    event_type       text,
    office_code      text,
    reason           text        not null,
    body             bytea       not null,
    dead_lettered_at timestamptz not null,
    times            integer     not null default 1,
    status           text        not null,
    redrive_count    integer     not null default 0,
    last_redriven_at timestamptz,
    last_redriven_by text
);

-- One row per event and queue: dead-lettered again after a re-drive, it is the same row again.
create unique index dead_letter_event on dead_letter (queue, event_id);
create index dead_letter_waiting on dead_letter (dead_lettered_at) where status = 'WAITING';
