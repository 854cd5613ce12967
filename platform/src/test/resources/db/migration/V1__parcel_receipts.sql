create table parcel_receipt (
    event_id uuid primary key,
    parcel   text not null
);
