-- Who has confirmed, through the link in an alert, that they received their departure order
-- (from notifications' AlertAcknowledged events). One row per person and deadline version: a
-- person has acknowledged their latest alert when a row matches the deadline version they are
-- ordered out on now, whatever order the events arrived in.
create table alert_acknowledgement (
    staff_id         uuid        not null references staff_member (id),
    deadline_id      uuid        not null,
    deadline_version int         not null,
    acknowledged_at  timestamptz not null,
    primary key (staff_id, deadline_id, deadline_version)
);
