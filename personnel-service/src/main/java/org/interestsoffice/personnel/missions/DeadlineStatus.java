package org.interestsoffice.personnel.missions;

/** Where a deadline stands, as the missions service last said. */
public enum DeadlineStatus {
  RUNNING,
  SUSPENDED,
  MET,
  EXPIRED,
  SUPERSEDED;

  /** Whether the deadline still runs or may run again (a suspended one). */
  public boolean open() {
    return this == RUNNING || this == SUSPENDED;
  }
}
