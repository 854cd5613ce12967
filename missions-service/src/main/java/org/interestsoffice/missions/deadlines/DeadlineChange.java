package org.interestsoffice.missions.deadlines;

/** What happened to a deadline, as kept in its history. */
public enum DeadlineChange {
  STARTED,
  EXTENDED,
  SUSPENDED,
  REISSUED,
  SUPERSEDED,
  MET,
  EXPIRED
}
