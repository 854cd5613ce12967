-- GET /api/staff and GET /api/departure-groups read a page at a time in keyset order:
-- staff by (full_name, id), departure groups by (scheduled_at, id), of one mission or of the caller's offices.
create index staff_member_mission_page on staff_member (mission_id, full_name, id);
create index staff_member_office_page on staff_member (office_code, full_name, id);
create index departure_group_mission_page on departure_group (mission_id, scheduled_at, id);
create index departure_group_office_page on departure_group (office_code, scheduled_at, id);
-- Superseded: the new indexes begin with the same column.
drop index if exists staff_member_office;
drop index if exists departure_group_mission;
