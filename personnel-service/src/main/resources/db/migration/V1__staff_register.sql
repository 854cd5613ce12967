-- Personnel's own copy of the missions it may register staff into (from missions events).
create table known_mission (
    id              uuid    primary key,
    office_code     text    not null,
    name            text    not null,
    receiving_state char(2) not null,
    time_zone       text    not null
);

create table staff_member (
    id                    uuid        primary key,
    mission_id            uuid        not null references known_mission (id),
    office_code           text        not null,
    full_name             text        not null,
    category              text        not null,
    principal_id          uuid        references staff_member (id),
    nationality           char(2)     not null,
    email                 text        not null,
    phone                 text        not null,
    preferred_language    text        not null,
    status                text        not null,
    departure_deadline_id uuid,
    departure_due_at      timestamptz,
    version               bigint      not null default 0
);

create index staff_member_mission on staff_member (mission_id, status);
create index staff_member_office on staff_member (office_code);
