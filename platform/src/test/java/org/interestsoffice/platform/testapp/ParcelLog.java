package org.interestsoffice.platform.testapp;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.interestsoffice.platform.events.EventEnvelope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Records each parcel it handles in the database, inside the consumer's transaction. */
@Component
public class ParcelLog {

  private final JdbcClient jdbc;
  private final AtomicInteger attempts = new AtomicInteger();
  private final Set<String> defused = ConcurrentHashMap.newKeySet();

  ParcelLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void onShipped(ParcelShipped event, EventEnvelope envelope) {
    attempts.incrementAndGet();
    if (event.explode() && !defused.contains(event.parcel())) {
      throw new IllegalStateException("Parcel " + event.parcel() + " exploded");
    }
    jdbc.sql("insert into parcel_receipt (event_id, parcel) values (:eventId, :parcel)")
        .param("eventId", envelope.eventId())
        .param("parcel", event.parcel())
        .update();
  }

  /** From now on the parcel no longer explodes: what fixing the cause of a failure looks like. */
  public void defuse(String parcel) {
    defused.add(parcel);
  }

  public int attempts() {
    return attempts.get();
  }

  public List<String> received() {
    return jdbc.sql("select parcel from parcel_receipt order by parcel").query(String.class).list();
  }

  public int timesReceived(String parcel) {
    return jdbc.sql("select count(*) from parcel_receipt where parcel = :parcel").param("parcel", parcel).query(Integer.class).single();
  }
}
