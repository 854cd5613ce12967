-- What personnel learns of a mission's negotiation and departure deadlines (from missions events).
alter table known_mission
    add column remaining_staff_ceiling int,
    add column negotiation_deadline_id uuid,
    add column negotiation_due_at      timestamptz,
    -- The deadline lineage the mission's staff are currently ordered out on (rupture, then cessation).
    add column departure_lineage_id    uuid,
    add column ceased_at               timestamptz;

alter table staff_member
    add column departure_deadline_kind    text,
    add column departure_deadline_version int,
    add column departed_at                timestamptz;

-- Every deadline personnel has heard of, grouped by lineage (a reissue continues the lineage of the
-- deadline it supersedes). Events may arrive out of order, so each row keeps the highest version
-- seen, and lineages are merged when a reissue links two that were first seen apart.
create table known_deadline (
    deadline_id uuid        primary key,
    lineage_id  uuid        not null,
    mission_id  uuid        not null,
    kind        text,
    status      text,
    due_at      timestamptz,
    version     int         not null
);

create index known_deadline_lineage on known_deadline (lineage_id);
create index staff_member_deadline on staff_member (departure_deadline_id);

create table departure_group (
    id           uuid        primary key,
    mission_id   uuid        not null references known_mission (id),
    office_code  text        not null,
    name         text        not null,
    scheduled_at timestamptz not null,
    transport    text        not null,
    departed_at  timestamptz,
    version      bigint      not null default 0
);

create index departure_group_mission on departure_group (mission_id);

-- A person travels with one group at a time.
create table departure_group_member (
    group_id uuid not null references departure_group (id),
    staff_id uuid not null references staff_member (id) unique,
    primary key (group_id, staff_id)
);
