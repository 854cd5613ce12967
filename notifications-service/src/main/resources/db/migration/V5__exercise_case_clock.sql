-- Exercises: a mission drilled (or history replayed) on its own case clock. Notifications keeps a
-- replica of each exercise's clock, from missions' CaseClockAdvanced and from the case-time instants
-- of personnel's orders; an exercise's reminders and escalations fall due on it, never on the wall
-- clock, and a real mission's never on it.
create table case_clock (
    mission_id uuid        primary key,
    case_now   timestamptz not null
);

alter table departure_order add column exercise boolean not null default false;

-- Set for an exercise's reminders and escalation watches: whose case clock they fall due on.
alter table reminder add column exercise_mission_id uuid;
alter table escalation add column exercise_mission_id uuid;
-- An exercise's watch that could not be escalated (the directory of office heads unreachable) keeps
-- its due instant on the case clock and waits until then on the wall clock.
alter table escalation add column retry_after timestamptz;

-- An exercise's alerts say so; case_at is when the alert was raised on the case clock (an order's
-- instant, a reminder's or an escalation's due instant).
alter table alert
    add column exercise boolean not null default false,
    add column case_at  timestamptz;

create index reminder_exercise_due on reminder (exercise_mission_id, fire_at) where status = 'SCHEDULED' and exercise_mission_id is not null;
create index escalation_exercise_due on escalation (exercise_mission_id, due_at) where status = 'WAITING' and exercise_mission_id is not null;

-- The wall clock's reminders and watches have an index of their own, so an exercise's (due long ago
-- on the wall clock, in 2019 say) are never scanned when the wall clock's are polled.
drop index reminder_due;
create index reminder_due on reminder (fire_at) where status = 'SCHEDULED' and exercise_mission_id is null;
drop index escalation_due;
create index escalation_due on escalation (due_at) where status = 'WAITING' and exercise_mission_id is null;
