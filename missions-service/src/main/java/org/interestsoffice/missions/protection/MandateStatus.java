package org.interestsoffice.missions.protection;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A protecting power's mandate through its life (VCDR art. 45-46): designated pending the host's
 * consent, in force once consented, terminated (relations restored, withdrawn, or replaced by a
 * successor). The moves are one table; every other pair is refused.
 */
public enum MandateStatus {
  PENDING_CONSENT,
  IN_FORCE,
  TERMINATED;

  /** What can happen to a mandate once it exists. */
  public enum Command {
    CONSENT("consent"),
    TERMINATE("termination");

    private final String action;

    Command(String action) {
      this.action = action;
    }

    public String action() {
      return action;
    }
  }

  private static final Map<MandateStatus, Map<Command, MandateStatus>> MOVES = new EnumMap<>(MandateStatus.class);

  static {
    for (MandateStatus status : values()) {
      MOVES.put(status, new EnumMap<>(Command.class));
    }
    MOVES.get(PENDING_CONSENT).put(Command.CONSENT, IN_FORCE);
    MOVES.get(PENDING_CONSENT).put(Command.TERMINATE, TERMINATED);
    MOVES.get(IN_FORCE).put(Command.TERMINATE, TERMINATED);
  }

  /** Where the command takes a mandate in this status, or empty if it may not. */
  public Optional<MandateStatus> next(Command command) {
    return Optional.ofNullable(MOVES.get(this).get(command));
  }

  /** The statuses the command is allowed from. */
  public static List<MandateStatus> allowedFrom(Command command) {
    return java.util.Arrays.stream(values()).filter(status -> status.next(command).isPresent()).toList();
  }
}
