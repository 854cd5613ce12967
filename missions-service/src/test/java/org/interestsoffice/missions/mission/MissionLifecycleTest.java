package org.interestsoffice.missions.mission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.interestsoffice.missions.mission.MissionCommand.CEASE_ON_EXPIRY;
import static org.interestsoffice.missions.mission.MissionCommand.CLOSE;
import static org.interestsoffice.missions.mission.MissionCommand.DECLARE_CESSATION;
import static org.interestsoffice.missions.mission.MissionCommand.DECLARE_PERSONA_NON_GRATA;
import static org.interestsoffice.missions.mission.MissionCommand.IMPOSE_STAFF_CEILING;
import static org.interestsoffice.missions.mission.MissionCommand.RESTORE_RELATIONS;
import static org.interestsoffice.missions.mission.MissionCommand.ESTABLISH_INTERESTS_SECTION;
import static org.interestsoffice.missions.mission.MissionCommand.OPEN_NEGOTIATION;
import static org.interestsoffice.missions.mission.MissionCommand.SEVER_RELATIONS;
import static org.interestsoffice.missions.mission.MissionStatus.CEASED;
import static org.interestsoffice.missions.mission.MissionStatus.CLOSED;
import static org.interestsoffice.missions.mission.MissionStatus.INTERESTS_SECTION;
import static org.interestsoffice.missions.mission.MissionStatus.NEGOTIATING;
import static org.interestsoffice.missions.mission.MissionStatus.OPERATING;
import static org.interestsoffice.missions.mission.MissionStatus.RELATIONS_SEVERED;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import org.interestsoffice.platform.web.ProblemException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every (kind, status, command) of the mission lifecycle: either the documented next status, or a
 * 409 that names the current status and the allowed transitions, with the mission unchanged.
 */
class MissionLifecycleTest {

  /**
   * The documented transitions (design §2, "Every shape of a rupture"); everything not listed here
   * must be refused. A reduction and a persona non grata leave the status where it is.
   */
  private static final Map<MissionStatus, Map<MissionCommand, MissionStatus>> DOCUMENTED =
      Map.of(
          OPERATING, Map.of(SEVER_RELATIONS, RELATIONS_SEVERED, IMPOSE_STAFF_CEILING, OPERATING, DECLARE_PERSONA_NON_GRATA, OPERATING),
          RELATIONS_SEVERED,
              Map.of(OPEN_NEGOTIATION, NEGOTIATING, DECLARE_CESSATION, CEASED, DECLARE_PERSONA_NON_GRATA, RELATIONS_SEVERED),
          NEGOTIATING,
              Map.of(
                  ESTABLISH_INTERESTS_SECTION, INTERESTS_SECTION, DECLARE_CESSATION, CEASED, CEASE_ON_EXPIRY, CEASED,
                  DECLARE_PERSONA_NON_GRATA, NEGOTIATING),
          INTERESTS_SECTION,
              Map.of(IMPOSE_STAFF_CEILING, INTERESTS_SECTION, DECLARE_PERSONA_NON_GRATA, INTERESTS_SECTION, RESTORE_RELATIONS, OPERATING),
          CEASED, Map.of(CLOSE, CLOSED),
          CLOSED, Map.of());

  /** A consular post can also be closed on its own (VCCR art. 2(3)). */
  private static final List<MissionStatus> CONSULATE_CLOSABLE_FROM = List.of(OPERATING, RELATIONS_SEVERED, NEGOTIATING);

  private static final Map<MissionCommand, Function<Mission, MissionStatus>> COMMANDS =
      Map.of(
          SEVER_RELATIONS, m -> m.severRelations(RuptureInitiator.SENDING_STATE, true),
          OPEN_NEGOTIATION, m -> m.openNegotiation(7),
          ESTABLISH_INTERESTS_SECTION, m -> m.establishInterestsSection("CH", 11, List.of("consular")),
          DECLARE_CESSATION, Mission::declareCessation,
          CEASE_ON_EXPIRY, Mission::ceaseOnExpiry,
          CLOSE, Mission::close,
          IMPOSE_STAFF_CEILING, m -> m.imposeStaffCeiling(11),
          DECLARE_PERSONA_NON_GRATA, Mission::declarePersonaNonGrata,
          RESTORE_RELATIONS, Mission::restoreRelations);

  static Stream<Arguments> everyKindStatusAndCommand() {
    List<Arguments> all = new ArrayList<>();
    for (MissionKind kind : MissionKind.values()) {
      for (MissionStatus status : MissionStatus.values()) {
        for (MissionCommand command : MissionCommand.values()) {
          Optional<MissionStatus> expected = Optional.ofNullable(DOCUMENTED.get(status).get(command));
          if (kind == MissionKind.CONSULATE && command == CLOSE && CONSULATE_CLOSABLE_FROM.contains(status)) {
            expected = Optional.of(CLOSED);
          }
          all.add(Arguments.of(kind, status, command, expected));
        }
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} {1} + {2} -> {3}")
  @MethodSource("everyKindStatusAndCommand")
  void eachCommandMovesToTheDocumentedStatusOrIsRefusedWithoutChange(
      MissionKind kind, MissionStatus status, MissionCommand command, Optional<MissionStatus> expected) {
    Mission mission = aMission(kind, status);

    if (expected.isPresent()) {
      MissionStatus before = COMMANDS.get(command).apply(mission);
      assertThat(before).isEqualTo(status);
      assertThat(mission.status()).isEqualTo(expected.get());
      assertThat(MissionLifecycle.next(kind, status, command)).isEqualTo(expected);
    } else {
      ProblemException refused = catchThrowableOfType(ProblemException.class, () -> COMMANDS.get(command).apply(mission));
      assertThat(refused).as("%s must be refused", command).isNotNull();
      assertThat(refused.status()).isEqualTo(409);
      assertThat(refused.properties()).containsEntry("currentStatus", status).containsEntry("command", command.action());
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> allowed = (List<Map<String, Object>>) refused.properties().get("allowedTransitions");
      assertThat(allowed).extracting(t -> t.get("to")).doesNotContainNull();
      assertThat(allowed.size())
          .isEqualTo((int) MissionLifecycle.allowed(kind, status).keySet().stream().filter(c -> c != CEASE_ON_EXPIRY).count());
      assertThat(mission.status()).as("nothing changed").isEqualTo(status);
      assertThat(mission.remainingStaffCeiling()).isEmpty();
      assertThat(mission.protectingState()).isEmpty();
      assertThat(mission.consularPostsClosed()).isFalse();
      assertThat(mission.ruptureInitiatedBy()).isEmpty();
      assertThat(mission.kind()).isEqualTo(kind);
    }
  }

  @org.junit.jupiter.api.Test
  void everyCommandIsInTheTableTest() {
    assertThat(COMMANDS).containsOnlyKeys(MissionCommand.values());
    assertThat(DOCUMENTED).containsOnlyKeys(MissionStatus.values());
  }

  @org.junit.jupiter.api.Test
  void restorationTurnsASectionIntoAnEmbassyNoLongerCappedNorProtected() {
    Mission section =
        Mission.registerInterestsSection(
            "HAV", "United States Interests Section", "US", "CU", "Havana", ZoneId.of("America/Havana"), "CH", 50,
            Instant.parse("1977-09-01T12:00:00Z"));
    assertThat(section.status()).isEqualTo(INTERESTS_SECTION);
    assertThat(section.remainingStaffCeiling()).contains(50);
    assertThat(section.protectingState()).contains("CH");

    assertThat(section.restoreRelations()).isEqualTo(INTERESTS_SECTION);

    assertThat(section.status()).isEqualTo(OPERATING);
    assertThat(section.kind()).isEqualTo(MissionKind.EMBASSY);
    assertThat(section.remainingStaffCeiling()).isEmpty();
    assertThat(section.protectingState()).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void aSectionUnderItsOwnSendingOrReceivingStateIsRefused() {
    for (String notAThirdState : List.of("US", "CU")) {
      ProblemException refused =
          catchThrowableOfType(
              ProblemException.class,
              () ->
                  Mission.registerInterestsSection(
                      "HAV", "Section", "US", "CU", "Havana", ZoneId.of("America/Havana"), notAThirdState, 50, Instant.EPOCH));
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.properties()).containsEntry("field", "protectingState");
    }
  }

  @org.junit.jupiter.api.Test
  void aRuptureLiftsTheReductionsCeilingAndRecordsWhoBroke() {
    Mission mission = aMission(MissionKind.EMBASSY, OPERATING);
    mission.imposeStaffCeiling(11);
    assertThat(mission.remainingStaffCeiling()).contains(11);

    mission.severRelations(RuptureInitiator.SENDING_STATE, false);

    assertThat(mission.remainingStaffCeiling()).isEmpty();
    assertThat(mission.ruptureInitiatedBy()).contains(RuptureInitiator.SENDING_STATE);
    assertThat(RuptureInitiator.SENDING_STATE.noteDirection()).isEqualTo(org.interestsoffice.missions.notes.NoteDirection.OUTGOING);
    assertThat(RuptureInitiator.RECEIVING_STATE.noteDirection()).isEqualTo(org.interestsoffice.missions.notes.NoteDirection.INCOMING);
  }

  private static Mission aMission(MissionKind kind, MissionStatus status) {
    return new Mission(
        UUID.randomUUID(), "CCS", kind, "Embassy", "US", "VE", "Caracas", ZoneId.of("America/Caracas"),
        Instant.parse("2019-01-23T20:00:00Z"), status, false, Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Optional.empty(), 0);
  }
}
