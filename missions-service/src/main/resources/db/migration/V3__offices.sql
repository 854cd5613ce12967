-- One sending state's representation in one capital: the unit of access control.
create table office (
    code            text        primary key,
    capital         text        not null,
    sending_state   char(2)     not null,
    receiving_state char(2)     not null,
    time_zone       text        not null,
    created_at      timestamptz not null
);
