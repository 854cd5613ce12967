package org.interestsoffice.personnel.missions;

/**
 * What a deadline of the missions service is for. Personnel orders people out on every kind but
 * {@link #NEGOTIATION}, and shows the kind beside every order so the crisis cell sees why a person
 * has to leave. Written as its name in events, the API and the database.
 */
public enum DeadlineKind {
  /** The rupture's departure window, for everyone with privileges. */
  DEPARTURE,
  /** The window both governments gave themselves to agree on an interests section. */
  NEGOTIATION,
  /** After cessation: the remaining staff's last window. */
  FINAL_DEPARTURE,
  /** The host capped the mission's size (VCDR art. 11): everyone beyond the designated staff leaves. */
  REDUCTION,
  /** One person declared persona non grata (VCDR art. 9), with their family. */
  PERSONAL;

  /** Whether people are ordered out on a deadline of this kind. */
  public boolean ordersPeopleOut() {
    return this != NEGOTIATION;
  }
}
