-- An exercise's case clock, as missions announces it (MissionRegistered.exerciseStartsAt, then
-- CaseClockAdvanced): the exercise's time rules in personnel read it. Real missions have neither.
alter table known_mission
    add column exercise_starts_at timestamptz,
    add column case_now           timestamptz;
