package org.interestsoffice.missions.office;

import java.time.Instant;
import java.time.ZoneId;

import org.interestsoffice.platform.web.ProblemException;

/** One sending state's representation in one capital, such as {@code CCS}: the United States in Caracas. */
public record Office(String code, String capital, String sendingState, String receivingState, ZoneId timeZone, Instant createdAt) {

  public Office {
    if (sendingState.equals(receivingState)) {
      throw ProblemException.invalid(
          "Invalid office", "The sending and the receiving state must differ, both are " + sendingState);
    }
  }
}
