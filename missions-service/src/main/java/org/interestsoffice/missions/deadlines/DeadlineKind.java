package org.interestsoffice.missions.deadlines;

/** The legal time limits of a rupture (design §2). */
public enum DeadlineKind {
  /** The staff with privileges must leave after a rupture (VCDR art. 44-45). */
  DEPARTURE,
  /** The governments negotiate an interests section; expiry ceases the mission. */
  NEGOTIATION,
  /** The remaining staff must leave once the mission has ceased. */
  FINAL_DEPARTURE,
  /** The host caps the mission's size; those above the cap must leave (VCDR art. 11). */
  REDUCTION,
  /** One person declared persona non grata must leave, with their family (VCDR art. 9). */
  PERSONAL;

  /** Whether people are ordered out on it, so that its expiry makes those still there overdue. */
  public boolean ordersPeopleOut() {
    return this != NEGOTIATION;
  }
}
