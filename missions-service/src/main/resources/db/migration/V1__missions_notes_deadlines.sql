create table mission (
    id                    uuid        primary key,
    office_code           text        not null,
    kind                  text        not null,
    name                  text        not null,
    sending_state         char(2)     not null,
    receiving_state       char(2)     not null,
    city                  text        not null,
    time_zone             text        not null,
    registered_at         timestamptz not null,
    status                text        not null,
    consular_posts_closed boolean     not null default false,
    version               bigint      not null default 0
);

create index mission_office on mission (office_code);

-- The office's register of diplomatic notes; a reference stands for one note only.
create table diplomatic_note (
    id          uuid        primary key,
    office_code text        not null,
    reference   text        not null,
    direction   text        not null,
    noted_at    timestamptz not null,
    summary     text,
    unique (office_code, reference)
);

create table deadline (
    id             uuid        primary key,
    mission_id     uuid        not null references mission (id),
    kind           text        not null,
    note_reference text        not null,
    anchored_at    timestamptz not null,
    duration       text        not null,
    due_at         timestamptz not null,
    status         text        not null,
    version        integer     not null
);

create index deadline_mission on deadline (mission_id);

create table mission_transition (
    id             bigint generated always as identity primary key,
    mission_id     uuid        not null references mission (id),
    from_status    text        not null,
    to_status      text        not null,
    legal_basis    text        not null,
    note_reference text,
    actor          text        not null,
    occurred_at    timestamptz not null
);

create index mission_transition_mission on mission_transition (mission_id, id);
