-- What personnel learns of a mission's other orders and ceilings (from missions events).
alter table known_mission
    -- The REDUCTION deadline lineage running for the mission, until a rupture supersedes it (else null).
    add column reduction_lineage_id uuid,
    -- An interests section (registered as such, or established after a negotiation) until relations
    -- are restored: a rupture's departure order no longer applies to those registered in it.
    add column interests_section    boolean not null default false,
    -- For a section registered as such: how many staff with privileges of their own it may have.
    add column staff_ceiling        int;

create index staff_member_principal on staff_member (principal_id);
