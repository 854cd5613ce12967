package org.interestsoffice.missions;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The body of {@code POST /api/missions/{id}/rupture}: the host state's note breaking relations.
 * Valid unless a test spoils it on purpose; values are the strings that go on the wire.
 */
final class RuptureDraft {

  /** The note of 23 January 2019 that gave the United States' diplomats 72 hours to leave. */
  static final Instant NOTE_OF_23_JANUARY_2019 = Instant.parse("2019-01-23T20:00:00Z");

  // A reference stands for one note of the office, so every draft gets its own.
  private static final AtomicInteger NOTES = new AtomicInteger();

  private final Map<String, Object> fields = new LinkedHashMap<>();

  private RuptureDraft() {}

  static RuptureDraft aRupture() {
    return new RuptureDraft()
        .byNote("MPPRE-2019-" + NOTES.incrementAndGet())
        .receivedAt(NOTE_OF_23_JANUARY_2019)
        .withDepartureWindow("PT72H")
        .closingConsularPosts(true);
  }

  RuptureDraft byNote(String noteReference) {
    return with("noteReference", noteReference);
  }

  RuptureDraft receivedAt(Instant noteReceivedAt) {
    return with("noteReceivedAt", noteReceivedAt.toString());
  }

  RuptureDraft withDepartureWindow(String isoDuration) {
    return with("departureWindow", isoDuration);
  }

  RuptureDraft closingConsularPosts(boolean closed) {
    return with("consularPostsClosed", closed);
  }

  RuptureDraft with(String field, Object value) {
    fields.put(field, value);
    return this;
  }

  RuptureDraft without(String field) {
    fields.remove(field);
    return this;
  }

  String noteReference() {
    return (String) fields.get("noteReference");
  }

  Map<String, Object> body() {
    return Collections.unmodifiableMap(fields);
  }
}
