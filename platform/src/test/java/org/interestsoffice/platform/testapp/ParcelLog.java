package org.interestsoffice.platform.testapp;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.interestsoffice.platform.events.EventEnvelope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Records each parcel it handles in the database, inside the consumer's transaction. */
@Component
public class ParcelLog {

  private final JdbcClient jdbc;
  private final AtomicInteger attempts = new AtomicInteger();

  ParcelLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void onShipped(ParcelShipped event, EventEnvelope envelope) {
    attempts.incrementAndGet();
    if (event.explode()) {
      throw new IllegalStateException("Parcel " + event.parcel() + " exploded");
    }
    jdbc.sql("insert into parcel_receipt (event_id, parcel) values (:eventId, :parcel)")
        .param("eventId", envelope.eventId())
        .param("parcel", event.parcel())
        .update();
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
