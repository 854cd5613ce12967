package org.interestsoffice.missions.mission;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The lifecycle of a mission through a rupture (design §2), as one table: {@code OPERATING →
 * RELATIONS_SEVERED → NEGOTIATING → INTERESTS_SECTION}, or {@code NEGOTIATING → CEASED → CLOSED},
 * or straight from {@code RELATIONS_SEVERED} to {@code CEASED} when no talks take place; an
 * interests section goes back to {@code OPERATING} when relations are restored. A reduction of the
 * mission's size (while it operates, or of an interests section) and a persona non grata (while
 * anyone is still accredited) leave the status as it is. A consulate can also be closed on its
 * own: breaking diplomatic relations does not by itself break consular relations (VCCR art. 2(3)),
 * so closing a consular post is a decision of its own. Every pair not in the table is refused.
 */
public final class MissionLifecycle {

  private static final Map<MissionStatus, Map<MissionCommand, MissionStatus>> EVERY_MISSION = new EnumMap<>(MissionStatus.class);
  private static final Map<MissionStatus, Map<MissionCommand, MissionStatus>> CONSULAR_ONLY = new EnumMap<>(MissionStatus.class);

  static {
    for (MissionStatus status : MissionStatus.values()) {
      EVERY_MISSION.put(status, new EnumMap<>(MissionCommand.class));
      CONSULAR_ONLY.put(status, new EnumMap<>(MissionCommand.class));
    }
    EVERY_MISSION.get(MissionStatus.OPERATING).put(MissionCommand.SEVER_RELATIONS, MissionStatus.RELATIONS_SEVERED);
    EVERY_MISSION.get(MissionStatus.RELATIONS_SEVERED).put(MissionCommand.OPEN_NEGOTIATION, MissionStatus.NEGOTIATING);
    EVERY_MISSION.get(MissionStatus.NEGOTIATING).put(MissionCommand.ESTABLISH_INTERESTS_SECTION, MissionStatus.INTERESTS_SECTION);
    EVERY_MISSION.get(MissionStatus.NEGOTIATING).put(MissionCommand.DECLARE_CESSATION, MissionStatus.CEASED);
    EVERY_MISSION.get(MissionStatus.NEGOTIATING).put(MissionCommand.CEASE_ON_EXPIRY, MissionStatus.CEASED);
    EVERY_MISSION.get(MissionStatus.CEASED).put(MissionCommand.CLOSE, MissionStatus.CLOSED);
    EVERY_MISSION.get(MissionStatus.RELATIONS_SEVERED).put(MissionCommand.DECLARE_CESSATION, MissionStatus.CEASED);
    EVERY_MISSION.get(MissionStatus.OPERATING).put(MissionCommand.IMPOSE_STAFF_CEILING, MissionStatus.OPERATING);
    EVERY_MISSION.get(MissionStatus.INTERESTS_SECTION).put(MissionCommand.IMPOSE_STAFF_CEILING, MissionStatus.INTERESTS_SECTION);
    for (MissionStatus accredited :
        new MissionStatus[] {MissionStatus.OPERATING, MissionStatus.RELATIONS_SEVERED, MissionStatus.NEGOTIATING, MissionStatus.INTERESTS_SECTION}) {
      EVERY_MISSION.get(accredited).put(MissionCommand.DECLARE_PERSONA_NON_GRATA, accredited);
    }
    EVERY_MISSION.get(MissionStatus.INTERESTS_SECTION).put(MissionCommand.RESTORE_RELATIONS, MissionStatus.OPERATING);
    for (MissionStatus open : new MissionStatus[] {MissionStatus.OPERATING, MissionStatus.RELATIONS_SEVERED, MissionStatus.NEGOTIATING}) {
      CONSULAR_ONLY.get(open).put(MissionCommand.CLOSE, MissionStatus.CLOSED);
    }
  }

  private MissionLifecycle() {}

  /** Where the command takes a mission of this kind in this status, or empty if it may not. */
  public static Optional<MissionStatus> next(MissionKind kind, MissionStatus from, MissionCommand command) {
    return Optional.ofNullable(allowed(kind, from).get(command));
  }

  /** Every command allowed from this status, with the status it leads to, in declaration order. */
  public static Map<MissionCommand, MissionStatus> allowed(MissionKind kind, MissionStatus from) {
    Map<MissionCommand, MissionStatus> allowed = new EnumMap<>(EVERY_MISSION.get(from));
    if (kind == MissionKind.CONSULATE) {
      allowed.putAll(CONSULAR_ONLY.get(from));
    }
    return new LinkedHashMap<>(allowed);
  }
}
