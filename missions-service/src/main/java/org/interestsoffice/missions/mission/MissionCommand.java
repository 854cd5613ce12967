package org.interestsoffice.missions.mission;

/** What can happen to a mission; each command is a transition of its lifecycle. */
public enum MissionCommand {
  SEVER_RELATIONS("rupture"),
  OPEN_NEGOTIATION("negotiation"),
  ESTABLISH_INTERESTS_SECTION("agreement"),
  DECLARE_CESSATION("cessation"),
  /** The negotiation deadline ran out without agreement: the scheduler's, never a user's. */
  CEASE_ON_EXPIRY("negotiation expiry"),
  CLOSE("closure"),
  /** The host caps the mission's size (VCDR art. 11); the mission stays where it is. */
  IMPOSE_STAFF_CEILING("staff-ceiling"),
  /** One person is declared persona non grata (VCDR art. 9); the mission stays where it is. */
  DECLARE_PERSONA_NON_GRATA("persona-non-grata"),
  /** Relations are restored: an interests section becomes an embassy again. */
  RESTORE_RELATIONS("restoration");

  private final String action;

  MissionCommand(String action) {
    this.action = action;
  }

  /** The name of the command in the API (the last segment of its path). */
  public String action() {
    return action;
  }
}
