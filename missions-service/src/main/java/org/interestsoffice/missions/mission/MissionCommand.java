package org.interestsoffice.missions.mission;

/** What can happen to a mission; each command is a transition of its lifecycle. */
public enum MissionCommand {
  SEVER_RELATIONS("rupture"),
  OPEN_NEGOTIATION("negotiation"),
  ESTABLISH_INTERESTS_SECTION("agreement"),
  DECLARE_CESSATION("cessation"),
  /** The negotiation deadline ran out without agreement: the scheduler's, never a user's. */
  CEASE_ON_EXPIRY("negotiation expiry"),
  CLOSE("closure");

  private final String action;

  MissionCommand(String action) {
    this.action = action;
  }

  /** The name of the command in the API (the last segment of its path). */
  public String action() {
    return action;
  }
}
