-- What the negotiation and the agreement settled for the mission.
alter table mission
    add column remaining_staff_ceiling    integer,
    add column protecting_state           char(2),
    add column interests_section_services text[];

-- A FINAL_DEPARTURE that starts because a negotiation ran out rests on no note.
alter table deadline
    alter column note_reference drop not null,
    add column supersedes uuid references deadline (id);

-- The scheduler looks for running deadlines that are due.
create index deadline_running_due on deadline (due_at) where status = 'RUNNING';

-- Notes recorded for a mission, and by whom, so its timeline can show them.
alter table diplomatic_note
    add column mission_id  uuid references mission (id),
    add column recorded_by text;

create index diplomatic_note_mission on diplomatic_note (mission_id);

-- Every start, change and end of a deadline, each tied to the note it rests on (if any).
create table deadline_change (
    id                   bigint generated always as identity primary key,
    deadline_id          uuid        not null references deadline (id),
    mission_id           uuid        not null references mission (id),
    change               text        not null,
    status               text        not null,
    due_at               timestamptz not null,
    version              integer     not null,
    note_reference       text,
    previous_deadline_id uuid,
    actor                text        not null,
    occurred_at          timestamptz not null
);

create index deadline_change_deadline on deadline_change (deadline_id, id);
create index deadline_change_mission on deadline_change (mission_id, id);

-- The state entrusted with the mission's interests (VCDR art. 45): one mandate per mission.
create table protecting_power_mandate (
    id               uuid        primary key,
    mission_id       uuid        not null unique references mission (id),
    protected_state  char(2)     not null,
    protecting_state char(2)     not null,
    receiving_state  char(2)     not null,
    scope            text        not null,
    host_consent_at  timestamptz not null,
    entry_into_force timestamptz not null,
    designated_by    text        not null,
    designated_at    timestamptz not null
);
