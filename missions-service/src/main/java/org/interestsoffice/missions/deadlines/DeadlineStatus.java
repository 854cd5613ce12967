package org.interestsoffice.missions.deadlines;

public enum DeadlineStatus {
  RUNNING,
  SUSPENDED,
  MET,
  EXPIRED,
  SUPERSEDED
}
