package org.interestsoffice.missions.mission;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.platform.web.ProblemException;

/** One diplomatic or consular post of an office, and where it stands in a rupture. */
public final class Mission {

  private final UUID id;
  private final String officeCode;
  private MissionKind kind;
  private final String name;
  private final String sendingState;
  private final String receivingState;
  private final String city;
  private final ZoneId timeZone;
  private final Instant registeredAt;
  private MissionStatus status;
  private boolean consularPostsClosed;
  private Integer remainingStaffCeiling;
  private String protectingState;
  private List<String> interestsSectionServices;
  private RuptureInitiator ruptureInitiatedBy;
  private Exercise exercise;
  private final long version;

  public Mission(
      UUID id,
      String officeCode,
      MissionKind kind,
      String name,
      String sendingState,
      String receivingState,
      String city,
      ZoneId timeZone,
      Instant registeredAt,
      MissionStatus status,
      boolean consularPostsClosed,
      Optional<Integer> remainingStaffCeiling,
      Optional<String> protectingState,
      List<String> interestsSectionServices,
      Optional<RuptureInitiator> ruptureInitiatedBy,
      Optional<Exercise> exercise,
      long version) {
    this.id = id;
    this.officeCode = officeCode;
    this.kind = kind;
    this.name = name;
    this.sendingState = sendingState;
    this.receivingState = receivingState;
    this.city = city;
    this.timeZone = timeZone;
    this.registeredAt = registeredAt;
    this.status = status;
    this.consularPostsClosed = consularPostsClosed;
    this.remainingStaffCeiling = remainingStaffCeiling.orElse(null);
    this.protectingState = protectingState.orElse(null);
    this.interestsSectionServices = List.copyOf(interestsSectionServices);
    this.ruptureInitiatedBy = ruptureInitiatedBy.orElse(null);
    this.exercise = exercise.orElse(null);
    this.version = version;
  }

  public static Mission register(
      String officeCode,
      MissionKind kind,
      String name,
      String sendingState,
      String receivingState,
      String city,
      ZoneId timeZone,
      Instant now) {
    requireDifferentStates(sendingState, receivingState);
    if (kind == MissionKind.INTERESTS_SECTION) {
      throw ProblemException.invalid(
              "Invalid mission", "An interests section is registered under its protecting state, with protectingState and staffCeiling")
          .with("field", "protectingState");
    }
    return new Mission(
        UUID.randomUUID(), officeCode, kind, name, sendingState, receivingState, city, timeZone, now,
        MissionStatus.OPERATING, false, Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Optional.empty(), 0);
  }

  /**
   * An interests section working under a protecting power while relations stay broken (the US
   * Interests Section in Havana, 1977–2015, inside the Swiss embassy): it starts as such, with the
   * staff ceiling the host allows.
   */
  public static Mission registerInterestsSection(
      String officeCode,
      String name,
      String sendingState,
      String receivingState,
      String city,
      ZoneId timeZone,
      String protectingState,
      int staffCeiling,
      Instant now) {
    requireDifferentStates(sendingState, receivingState);
    requireThirdState(protectingState, sendingState, receivingState);
    return new Mission(
        UUID.randomUUID(), officeCode, MissionKind.INTERESTS_SECTION, name, sendingState, receivingState, city, timeZone, now,
        MissionStatus.INTERESTS_SECTION, false, Optional.of(staffCeiling), Optional.of(protectingState), List.of(),
        Optional.empty(), Optional.empty(), 0);
  }

  /**
   * Makes a newly registered mission an exercise whose case clock starts at the given instant.
   *
   * @return the same mission
   */
  public Mission asExerciseFrom(Instant startsAt) {
    if (version != 0 || exercise != null) {
      throw new IllegalStateException("Only a mission being registered becomes an exercise");
    }
    exercise = new Exercise(startsAt, startsAt);
    return this;
  }

  /**
   * The mission's own "now": the case clock of an exercise, the wall clock's instant for a real
   * mission. Every time rule of the mission (not in the future, deadlines due) reads it.
   */
  public Instant now(Instant wallClock) {
    return exercise == null ? wallClock : exercise.caseNow();
  }

  /**
   * Moves an exercise's case clock forward; a real mission has none, and a case clock never goes
   * back.
   *
   * @return where it stood before
   */
  public Instant advanceCaseClock(Instant to) {
    if (exercise == null) {
      throw ProblemException.conflict(
              "Not an exercise", name + " is a real mission: it runs on the wall clock, which nobody advances")
          .with("field", "advanceTo");
    }
    Instant before = exercise.caseNow();
    if (!to.isAfter(before)) {
      throw ProblemException.conflict(
              "Case clock moves forward only", "The case clock of " + name + " stands at " + before + "; " + to + " is not later")
          .with("field", "advanceTo")
          .with("caseNow", before);
    }
    exercise = new Exercise(exercise.startsAt(), to);
    return before;
  }

  /**
   * The protecting power of an interests section changed (a successor took over its mandate): the
   * section now works under that state.
   */
  public void protectedBy(String state) {
    protectingState = state;
  }

  /** A protecting power is a third state: neither the sending nor the receiving state. */
  public static void requireThirdState(String protectingState, String sendingState, String receivingState) {
    if (protectingState.equals(sendingState) || protectingState.equals(receivingState)) {
      throw ProblemException.invalid(
              "Invalid protecting power",
              "The protecting state must be a third state, not " + protectingState + " (the sending state is " + sendingState
                  + ", the receiving state " + receivingState + ")")
          .with("field", "protectingState");
    }
  }

  private static void requireDifferentStates(String sendingState, String receivingState) {
    if (sendingState.equals(receivingState)) {
      throw ProblemException.invalid(
          "Invalid mission", "The sending and the receiving state must differ, both are " + sendingState);
    }
  }

  /**
   * Relations are broken: the mission must prepare to leave.
   *
   * @return the status it had before
   */
  public MissionStatus severRelations(RuptureInitiator initiatedBy, boolean consularPostsAlsoClosed) {
    MissionStatus before = apply(MissionCommand.SEVER_RELATIONS);
    consularPostsClosed = consularPostsAlsoClosed;
    ruptureInitiatedBy = initiatedBy;
    // A reduction's cap no longer applies: everyone with privileges leaves.
    remainingStaffCeiling = null;
    return before;
  }

  /** The host caps the mission's size (VCDR art. 11): at most {@code ceiling} staff may stay. */
  public MissionStatus imposeStaffCeiling(int ceiling) {
    MissionStatus before = apply(MissionCommand.IMPOSE_STAFF_CEILING);
    remainingStaffCeiling = ceiling;
    return before;
  }

  /** One of the mission's people is declared persona non grata: allowed while anyone is accredited. */
  public MissionStatus declarePersonaNonGrata() {
    return apply(MissionCommand.DECLARE_PERSONA_NON_GRATA);
  }

  /**
   * Relations are restored: the interests section becomes an embassy again, no longer under a
   * protecting power nor capped (Havana, 20 July 2015).
   */
  public MissionStatus restoreRelations() {
    MissionStatus before = apply(MissionCommand.RESTORE_RELATIONS);
    kind = MissionKind.EMBASSY;
    protectingState = null;
    remainingStaffCeiling = null;
    interestsSectionServices = List.of();
    return before;
  }

  /** The two governments agreed to negotiate; a remaining staff of at most the ceiling stays. */
  public MissionStatus openNegotiation(int ceiling) {
    MissionStatus before = apply(MissionCommand.OPEN_NEGOTIATION);
    remainingStaffCeiling = ceiling;
    return before;
  }

  /** Agreement: the mission goes on as an interests section under a protecting power. */
  public MissionStatus establishInterestsSection(String protectingPower, int staffCeiling, List<String> services) {
    MissionStatus before = apply(MissionCommand.ESTABLISH_INTERESTS_SECTION);
    protectingState = protectingPower;
    remainingStaffCeiling = staffCeiling;
    interestsSectionServices = List.copyOf(services);
    return before;
  }

  /** Either state declared the end of the mission's activities. */
  public MissionStatus declareCessation() {
    return apply(MissionCommand.DECLARE_CESSATION);
  }

  /** The negotiation ran out without agreement. */
  public MissionStatus ceaseOnExpiry() {
    return apply(MissionCommand.CEASE_ON_EXPIRY);
  }

  /** All staff gone, the premises in custody of the protecting power; or a consular post closed. */
  public MissionStatus close() {
    return apply(MissionCommand.CLOSE);
  }

  /**
   * Moves along the lifecycle, or refuses with a 409 that names the current status, the statuses
   * the command is allowed from and the transitions allowed now; the mission is left unchanged.
   */
  private MissionStatus apply(MissionCommand command) {
    MissionStatus before = status;
    Optional<MissionStatus> next = MissionLifecycle.next(kind, status, command);
    if (next.isEmpty()) {
      throw ProblemException.conflict(
              "Transition not allowed",
              "Cannot apply " + command.action() + " to a mission that is " + status)
          .with("currentStatus", status)
          .with("command", command.action())
          .with("allowedFrom", allowedFrom(command))
          .with("allowedTransitions", allowedTransitions());
    }
    status = next.get();
    return before;
  }

  private List<MissionStatus> allowedFrom(MissionCommand command) {
    return Arrays.stream(MissionStatus.values())
        .filter(from -> MissionLifecycle.next(kind, from, command).isPresent())
        .toList();
  }

  private List<Map<String, Object>> allowedTransitions() {
    return MissionLifecycle.allowed(kind, status).entrySet().stream()
        .filter(allowed -> allowed.getKey() != MissionCommand.CEASE_ON_EXPIRY)
        .map(allowed -> Map.<String, Object>of("command", allowed.getKey().action(), "to", allowed.getValue()))
        .toList();
  }

  public UUID id() {
    return id;
  }

  public String officeCode() {
    return officeCode;
  }

  public MissionKind kind() {
    return kind;
  }

  public String name() {
    return name;
  }

  public String sendingState() {
    return sendingState;
  }

  public String receivingState() {
    return receivingState;
  }

  public String city() {
    return city;
  }

  public ZoneId timeZone() {
    return timeZone;
  }

  public Instant registeredAt() {
    return registeredAt;
  }

  public MissionStatus status() {
    return status;
  }

  public boolean consularPostsClosed() {
    return consularPostsClosed;
  }

  public Optional<Integer> remainingStaffCeiling() {
    return Optional.ofNullable(remainingStaffCeiling);
  }

  public Optional<String> protectingState() {
    return Optional.ofNullable(protectingState);
  }

  public List<String> interestsSectionServices() {
    return interestsSectionServices;
  }

  public Optional<Exercise> exercise() {
    return Optional.ofNullable(exercise);
  }

  /** Who broke relations, once they are broken. */
  public Optional<RuptureInitiator> ruptureInitiatedBy() {
    return Optional.ofNullable(ruptureInitiatedBy);
  }

  public long version() {
    return version;
  }
}
