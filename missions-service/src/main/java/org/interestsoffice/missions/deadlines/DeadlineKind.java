package org.interestsoffice.missions.deadlines;

public enum DeadlineKind {
  DEPARTURE,
  NEGOTIATION,
  FINAL_DEPARTURE
}
