-- Every shape of a rupture (design §2): who initiated it, reductions, personal deadlines,
-- interests sections registered as such, restoration, the protecting power's mandate with a life,
-- and transitions stamped with when they took effect beside when they were recorded.

-- When a transition took effect (a note of 1961 is not today): the timeline is ordered by it.
alter table mission_transition add column effective_at timestamptz;
update mission_transition set effective_at = occurred_at;
alter table mission_transition alter column effective_at set not null;
create index mission_transition_effective on mission_transition (mission_id, effective_at);

-- When a note was entered into the register, beside when it was received or sent.
alter table diplomatic_note add column recorded_at timestamptz;
update diplomatic_note set recorded_at = noted_at;
alter table diplomatic_note alter column recorded_at set not null;

-- Every change of a deadline takes effect at an instant of its own (the note's, the due instant of
-- an expiry), beside when it was recorded.
alter table deadline_change add column effective_at timestamptz;
update deadline_change set effective_at = occurred_at;
alter table deadline_change alter column effective_at set not null;

-- A PERSONAL deadline (persona non grata) is one person's.
alter table deadline add column staff_id uuid;
create index deadline_staff on deadline (staff_id) where staff_id is not null;

-- Who broke relations, on the mission's rupture.
alter table mission add column rupture_initiated_by text;

-- A mandate has a life: pending the host's consent, in force, terminated, and may be succeeded.
alter table protecting_power_mandate drop constraint protecting_power_mandate_mission_id_key;
alter table protecting_power_mandate
    add column status              text,
    add column custody_of_premises boolean not null default true,
    add column custody_of_archives boolean not null default true,
    add column predecessor_id      uuid references protecting_power_mandate (id),
    add column terminated_at       timestamptz,
    add column termination_note    text,
    alter column host_consent_at drop not null,
    alter column entry_into_force drop not null;
update protecting_power_mandate set status = 'IN_FORCE';
alter table protecting_power_mandate alter column status set not null;
-- At most one mandate of a mission is pending or in force at a time.
create unique index protecting_power_mandate_current on protecting_power_mandate (mission_id) where status <> 'TERMINATED';

-- Every step of a mandate's life, for the timeline.
create table protecting_power_change (
    id             bigint generated always as identity primary key,
    mandate_id     uuid        not null references protecting_power_mandate (id),
    mission_id     uuid        not null references mission (id),
    change         text        not null,
    status         text        not null,
    protecting_state char(2)   not null,
    note_reference text,
    actor          text        not null,
    effective_at   timestamptz not null,
    recorded_at    timestamptz not null
);
create index protecting_power_change_mission on protecting_power_change (mission_id, id);
insert into protecting_power_change (mandate_id, mission_id, change, status, protecting_state, actor, effective_at, recorded_at)
select id, mission_id, 'DESIGNATED', 'IN_FORCE', protecting_state, designated_by, designated_at, designated_at
from protecting_power_mandate;

-- Missions' register of who belongs to which mission (from personnel's events): enough to refuse a
-- persona non grata of another mission and a reduction below the designated remaining staff.
create table known_staff (
    staff_id     uuid    primary key,
    mission_id   uuid    not null,
    office_code  text    not null,
    full_name    text    not null,
    principal_id uuid,
    designated   boolean not null default false,
    departed     boolean not null default false
);
create index known_staff_mission on known_staff (mission_id);
