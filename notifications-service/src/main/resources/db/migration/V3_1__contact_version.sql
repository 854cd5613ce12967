-- The version of the contact details personnel numbered them with: an older change arriving after
-- a newer one is ignored. Null for details recorded before personnel numbered them.
alter table staff_contact add column contact_version bigint;
