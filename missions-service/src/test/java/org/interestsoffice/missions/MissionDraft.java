package org.interestsoffice.missions;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of {@code POST /api/missions} as a client sends it: valid unless a test spoils it on
 * purpose. Values are kept as the strings that go on the wire, so a test can send what the API
 * must refuse.
 */
final class MissionDraft {

  private final Map<String, Object> fields = new LinkedHashMap<>();

  private MissionDraft() {}

  /** The United States' embassy in Caracas, office CCS: the 2019 case. */
  static MissionDraft aMission() {
    return new MissionDraft()
        .inOffice("CCS")
        .ofKind("EMBASSY")
        .sentBy("US")
        .accreditedTo("VE")
        .inCity("Caracas")
        .keepingTime("America/Caracas")
        .named("Embassy of the United States in Caracas");
  }

  MissionDraft inOffice(String officeCode) {
    return with("officeCode", officeCode);
  }

  MissionDraft ofKind(String kind) {
    return with("kind", kind);
  }

  MissionDraft sentBy(String sendingState) {
    return with("sendingState", sendingState);
  }

  MissionDraft accreditedTo(String receivingState) {
    return with("receivingState", receivingState);
  }

  MissionDraft inCity(String city) {
    return with("city", city);
  }

  MissionDraft keepingTime(String timeZone) {
    return with("timeZone", timeZone);
  }

  MissionDraft named(String name) {
    return with("name", name);
  }

  MissionDraft with(String field, Object value) {
    fields.put(field, value);
    return this;
  }

  MissionDraft without(String field) {
    fields.remove(field);
    return this;
  }

  Object field(String name) {
    return fields.get(name);
  }

  Map<String, Object> body() {
    return Collections.unmodifiableMap(fields);
  }
}
