-- A message may be sent more than once (a retry after a provider timeout, a re-send after a crash
-- before the commit), and whatever copy reached the person must acknowledge. So an alert's link is
-- made once, when the alert is queued, not per attempt: its raw token is kept only while the alert
-- has not been handed over (cleared when it is sent), and only its hash once it has.
alter table alert add column unsent_ack_token text;

-- Links that were in messages already sent and later replaced (an administrator re-drives a message
-- the provider reported failed, which goes out with a new link): they keep working until they expire.
create table earlier_ack_link (
    token_hash bytea       primary key,
    alert_id   uuid        not null references alert (id),
    expires_at timestamptz not null
);

-- Alerts still waiting to be sent (or dead, which a re-drive sends) get their stable link now; a link
-- an earlier attempt already put in a message stays valid. gen_random_uuid() is PostgreSQL's strong
-- random source: two of them give a 43-character URL-safe token like the service's own.
insert into earlier_ack_link (token_hash, alert_id, expires_at)
select ack_token_hash, id, ack_expires_at from alert
where audience = 'STAFF' and status in ('QUEUED', 'RETRYING', 'DEAD') and ack_token_hash is not null;

update alert
set unsent_ack_token = rtrim(translate(encode(decode(replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', ''), 'hex'), 'base64'), '+/', '-_'), '=')
where audience = 'STAFF' and status in ('QUEUED', 'RETRYING', 'DEAD');

update alert
set ack_token_hash = sha256(convert_to(unsent_ack_token, 'UTF8')), ack_expires_at = now() + interval '30 days'
where unsent_ack_token is not null;
