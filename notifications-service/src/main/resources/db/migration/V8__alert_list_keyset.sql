-- GET /api/alerts reads a page at a time in (created_at, id) order, filtered by mission or by person.
create index alert_mission_page on alert (mission_id, created_at, id);
create index alert_staff_page on alert (staff_id, created_at, id);
-- (mission_id, created_at, id) serves every lookup by mission that alert_mission served.
drop index if exists alert_mission;
