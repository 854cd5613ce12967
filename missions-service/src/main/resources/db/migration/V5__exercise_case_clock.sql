-- An exercise (a drill, or history replayed) runs on its own case clock: it starts at a chosen
-- instant and moves only when the crisis cell advances it. Real missions have neither column.
alter table mission
    add column exercise_starts_at timestamptz,
    add column case_now           timestamptz;

alter table mission add constraint mission_case_clock_with_exercise
    check ((exercise_starts_at is null) = (case_now is null) and (case_now is null or case_now >= exercise_starts_at));
