package org.interestsoffice.demo;

import static org.interestsoffice.demo.Exercise.Basis.ASSUMED;
import static org.interestsoffice.demo.Exercise.Basis.HISTORY;
import static org.interestsoffice.demo.Exercise.Basis.HOUR_ASSUMED;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.interestsoffice.demo.Exercise.Action;
import org.interestsoffice.demo.Exercise.Command;
import org.interestsoffice.demo.Exercise.Mission;
import org.interestsoffice.demo.Exercise.Note;
import org.interestsoffice.demo.Exercise.Office;
import org.interestsoffice.demo.Exercise.Step;

/**
 * The two cases {@code bin/demo replay} plays as exercises, with their historical instants (UTC;
 * Caracas was UTC-4 in 2019, Washington and Havana UTC-5 in January). Where the public record
 * gives the day but not the hour, the hour is assumed ({@link Exercise.Basis#HOUR_ASSUMED}); the one
 * entry of 2019 with no note behind it is said to be assumed in its own summary. Note references are
 * the demo's labels: the notes' own numbers are not public.
 */
final class Histories {

  private Histories() {}

  static final Office CCS = new Office("CCS", "Caracas", "US", "VE", "America/Caracas");
  static final Office WAS = new Office("WAS", "Washington", "VE", "US", "America/New_York");
  /** The United States in Havana: no demo user belongs to it, the ministry administrator acts. */
  static final Office HAV = new Office("HAV", "Havana", "US", "CU", "America/Havana");

  // ---------------------------------------------------------------- 2019: Venezuela and the United States

  /** 08:00 in Caracas on the day of the rupture: the exercises' case clocks start here. */
  static final Instant START_2019 = Instant.parse("2019-01-23T12:00:00Z");
  /** Venezuela's note breaking relations, 16:00 in Caracas (hour assumed). */
  static final Instant RUPTURE_2019 = Instant.parse("2019-01-23T20:00:00Z");
  static final Duration DEPARTURE_2019 = Duration.ofHours(72);
  /** The communiqué agreeing to negotiate, an hour before the 72 hours ran out (hour assumed). */
  static final Instant TALKS_2019 = Instant.parse("2019-01-26T19:00:00Z");
  static final Duration TALKS_WINDOW_2019 = Duration.ofDays(30);
  /** The demo's remaining-staff ceiling during the talks. */
  static final int CEILING_2019 = 7;
  /** The 72 hours run out: the suspension takes effect in their last minute (a deadline due fires at its instant). */
  static final Instant SUSPENSION_2019 = RUPTURE_2019.plus(DEPARTURE_2019).minus(Duration.ofMinutes(1));
  /** The 30 days about to run out (assumed entry). */
  static final Instant EXTENSION_2019 = TALKS_2019.plus(TALKS_WINDOW_2019).minus(Duration.ofHours(1));
  static final Instant TALKS_EXTENDED_TO_2019 = TALKS_2019.plus(TALKS_WINDOW_2019).plus(Duration.ofDays(30));
  /** Venezuela ends the talks and gives the remaining US diplomats 72 hours (hour assumed). */
  static final Instant CESSATION_2019 = Instant.parse("2019-03-12T16:00:00Z");
  static final Duration FINAL_DEPARTURE_2019 = Duration.ofHours(72);
  /** The last US diplomats leave Caracas (hour assumed). */
  static final Instant DEPARTURE_DAY_2019 = Instant.parse("2019-03-14T16:00:00Z");
  static final Instant CLOSURE_2019 = Instant.parse("2019-03-14T20:00:00Z");

  static final String NOTE_RUPTURE_2019 = "EX2019/MPPRE/2019-01-23";
  static final String NOTE_TALKS_2019 = "EX2019/MPPRE/2019-01-26";
  static final String NOTE_EXTENSION_2019 = "EX2019/ASSUMED/2019-02-25";
  static final String NOTE_CESSATION_2019 = "EX2019/MPPRE/2019-03-12";

  static final Mission US_CARACAS_2019 =
      new Mission(
          "us-embassy-caracas-2019", CCS, "EMBASSY", "Embassy of the United States in Caracas (exercise 2019)", "Caracas",
          "America/Caracas", "US", "VE", START_2019, "ccs.head", "ccs.officer", "us-embassy-caracas", null, null);

  static final Mission VE_WASHINGTON_2019 =
      new Mission(
          "ve-embassy-washington-2019", WAS, "EMBASSY", "Embassy of Venezuela in Washington (exercise 2019)", "Washington",
          "America/New_York", "VE", "US", START_2019, "was.head", "was.officer", "ve-embassy-washington", null, null);

  static final Exercise CASE_2019 = case2019();

  private static Exercise case2019() {
    String caracas = US_CARACAS_2019.key();
    String washington = VE_WASHINGTON_2019.key();
    // Caracas receives Venezuela's notes; Washington is Venezuela's own embassy, its ministry's notes go out.
    Note ruptureIn =
        new Note(NOTE_RUPTURE_2019, "INCOMING", RUPTURE_2019,
            "23 January 2019: Venezuela breaks diplomatic and political relations with the United States and gives the US diplomats "
                + "72 hours to leave the country (announced by President Maduro the day the United States recognised Juan Guaido). "
                + "Hour assumed.");
    Note ruptureOut =
        new Note(NOTE_RUPTURE_2019, "OUTGOING", RUPTURE_2019,
            "23 January 2019: Venezuela breaks diplomatic and political relations with the United States; on 24 January it announces "
                + "the closure of its embassy and consulates in the United States and recalls their staff. Hour assumed; the 72 hours "
                + "for Venezuela's own staff mirror those given to the US diplomats (assumed).");
    String talks =
        "26 January 2019: Venezuela's Ministry of Foreign Affairs announces that the two governments will negotiate, within 30 days, "
            + "an interests office in each other's capital, the diplomats staying while the talks go on (it came as the 72 hours ran "
            + "out). Hour assumed; the ceiling of " + CEILING_2019 + " remaining staff is the demo's, not a figure of the record.";
    String extension =
        "ASSUMED - no note in the public record: the 30 days ran out on 25 February 2019 without an agreement and without a note; "
            + "the diplomats stayed and the talks were treated as going on until Venezuela ended them on 12 March. This entry stands "
            + "for that tacit extension (the demo extends the talks by 30 days).";
    String cessation =
        "12 March 2019: Venezuela ends the talks on interests offices without an agreement and gives the remaining US diplomats "
            + "72 hours to leave (the United States had announced on 11 March that it was withdrawing its remaining staff). "
            + "Hour assumed.";
    Note talksIn = new Note(NOTE_TALKS_2019, "INCOMING", TALKS_2019, talks);
    Note talksOut = new Note(NOTE_TALKS_2019, "OUTGOING", TALKS_2019, talks);
    Note extensionNote = new Note(NOTE_EXTENSION_2019, "INCOMING", EXTENSION_2019, extension);
    Note cessationIn = new Note(NOTE_CESSATION_2019, "INCOMING", CESSATION_2019, cessation);
    Note cessationOut = new Note(NOTE_CESSATION_2019, "OUTGOING", CESSATION_2019, cessation);
    return new Exercise(
        "2019",
        "Venezuela and the United States, January to March 2019",
        List.of(US_CARACAS_2019, VE_WASHINGTON_2019),
        List.of(
            new Step(
                "rupture", "23 January 2019",
                "Venezuela breaks relations: 72 hours to leave (received in Caracas; Venezuela's own note for its embassy in Washington)",
                List.of(
                    new Action(caracas, START_2019, List.of(), new Command.Registration(), HISTORY),
                    new Action(caracas, RUPTURE_2019, List.of(ruptureIn),
                        new Command.Rupture(NOTE_RUPTURE_2019, DEPARTURE_2019, "RECEIVING_STATE", false), HOUR_ASSUMED),
                    new Action(washington, START_2019, List.of(), new Command.Registration(), HISTORY),
                    new Action(washington, RUPTURE_2019, List.of(ruptureOut),
                        new Command.Rupture(NOTE_RUPTURE_2019, DEPARTURE_2019, "SENDING_STATE", true), HOUR_ASSUMED))),
            new Step(
                "negotiation", "26 January 2019",
                "talks on interests offices within 30 days, at most " + CEILING_2019 + " remaining staff: seven designated, an eighth refused",
                List.of(
                    new Action(caracas, TALKS_2019, List.of(talksIn), new Command.Negotiation(NOTE_TALKS_2019, TALKS_WINDOW_2019, CEILING_2019),
                        HOUR_ASSUMED),
                    new Action(washington, TALKS_2019, List.of(talksOut),
                        new Command.Negotiation(NOTE_TALKS_2019, TALKS_WINDOW_2019, CEILING_2019), HOUR_ASSUMED))),
            new Step(
                "suspension", "26 January 2019",
                "the 72 hours run out: suspended in their last minute, on the communiqué of the same day",
                List.of(
                    new Action(caracas, SUSPENSION_2019, List.of(), new Command.Suspension(NOTE_TALKS_2019, "DEPARTURE"), HOUR_ASSUMED),
                    new Action(washington, SUSPENSION_2019, List.of(), new Command.Suspension(NOTE_TALKS_2019, "DEPARTURE"), HOUR_ASSUMED))),
            new Step(
                "extension", "25 February 2019",
                "ASSUMED: the 30 days run out, the talks go on (no note in the record); the negotiation is extended by 30 days",
                List.of(
                    new Action(caracas, EXTENSION_2019, List.of(extensionNote),
                        new Command.Extension(NOTE_EXTENSION_2019, "NEGOTIATION", TALKS_EXTENDED_TO_2019), ASSUMED),
                    new Action(washington, EXTENSION_2019, List.of(extensionNote),
                        new Command.Extension(NOTE_EXTENSION_2019, "NEGOTIATION", TALKS_EXTENDED_TO_2019), ASSUMED))),
            new Step(
                "cessation", "12 March 2019",
                "Venezuela ends the talks without an agreement: the missions cease, the remaining staff get 72 hours",
                List.of(
                    new Action(caracas, CESSATION_2019, List.of(cessationIn), new Command.Cessation(NOTE_CESSATION_2019, FINAL_DEPARTURE_2019),
                        HOUR_ASSUMED),
                    new Action(washington, CESSATION_2019, List.of(cessationOut),
                        new Command.Cessation(NOTE_CESSATION_2019, FINAL_DEPARTURE_2019), HOUR_ASSUMED))),
            new Step(
                "departure", "14 March 2019",
                "the last US diplomats leave Caracas (Venezuela's staff leave Washington: day assumed)",
                List.of(
                    new Action(caracas, DEPARTURE_DAY_2019, List.of(), new Command.Departures(), HOUR_ASSUMED),
                    new Action(washington, DEPARTURE_DAY_2019, List.of(), new Command.Departures(), ASSUMED))),
            new Step(
                "closure", "14 March 2019",
                "the missions close once their staff are gone, on the note of 12 March",
                List.of(
                    new Action(caracas, CLOSURE_2019, List.of(), new Command.Closure(NOTE_CESSATION_2019), HOUR_ASSUMED),
                    new Action(washington, CLOSURE_2019, List.of(), new Command.Closure(NOTE_CESSATION_2019), ASSUMED)))));
  }

  // ---------------------------------------------------------------- 1961 to 2015: Cuba and the United States

  static final Instant START_1961 = Instant.parse("1961-01-02T12:00:00Z");
  /** Cuba's note of 2 January, delivered in the night: 01:20 on 3 January in Havana (hour assumed). */
  static final Instant REDUCTION_1961 = Instant.parse("1961-01-03T06:20:00Z");
  static final int REDUCTION_CEILING_1961 = 11;
  static final Duration REDUCTION_WINDOW_1961 = Duration.ofHours(48);
  /** The US note terminating relations, 17:00 in Havana (hour assumed). */
  static final Instant RUPTURE_1961 = Instant.parse("1961-01-03T22:00:00Z");
  /** The US staff's own time to leave: the 48 hours of Cuba's demand, counted from the US note (assumed). */
  static final Duration DEPARTURE_1961 = Duration.ofHours(48);
  static final Instant PROTECTION_1961 = Instant.parse("1961-01-04T15:00:00Z");
  static final Instant CESSATION_1961 = Instant.parse("1961-01-04T17:00:00Z");
  static final Duration FINAL_DEPARTURE_1961 = Duration.ofHours(24);
  static final Instant CLOSURE_1961 = Instant.parse("1961-01-05T15:00:00Z");
  /** The interests sections open on 1 September 1977 (hour assumed). */
  static final Instant SECTION_1977 = Instant.parse("1977-09-01T13:00:00Z");
  static final Instant AGREEMENT_1977 = Instant.parse("1977-05-30T16:00:00Z");
  static final int SECTION_CEILING_1977 = 10;
  /** Relations restored at midnight of 20 July 2015, Washington and Havana time (UTC-4 in summer). */
  static final Instant RESTORATION_2015 = Instant.parse("2015-07-20T04:00:00Z");
  static final Instant LETTERS_2015 = Instant.parse("2015-07-01T15:00:00Z");

  static final String NOTE_REDUCTION_1961 = "EX1961/MINREX/1961-01-02";
  static final String NOTE_RUPTURE_1961 = "EX1961/US/1961-01-03";
  static final String NOTE_AGREEMENT_1977 = "EX1977/AGREEMENT/1977-05-30";
  static final String NOTE_LETTERS_2015 = "EX2015/LETTERS/2015-07-01";

  static final Mission US_HAVANA_1961 =
      new Mission(
          "us-embassy-havana-1961", HAV, "EMBASSY", "Embassy of the United States in Havana (exercise 1961)", "Havana", "America/Havana",
          "US", "CU", START_1961, Case2019.MINISTRY_ADMIN, null, null, null, null);

  static final Mission US_SECTION_HAVANA_1977 =
      new Mission(
          "us-interests-section-havana-1977", HAV, "INTERESTS_SECTION", "United States Interests Section in Havana (exercise 1977)",
          "Havana", "America/Havana", "US", "CU", SECTION_1977, Case2019.MINISTRY_ADMIN, null, null, "CH", SECTION_CEILING_1977);

  static final Exercise CUBA_1961 = cuba1961();

  private static Exercise cuba1961() {
    String embassy = US_HAVANA_1961.key();
    String section = US_SECTION_HAVANA_1977.key();
    Note reduction =
        new Note(NOTE_REDUCTION_1961, "INCOMING", REDUCTION_1961,
            "Note of 2 January 1961 from Cuba's Ministry of Foreign Relations, delivered to the US Embassy in the night of 2 to 3 "
                + "January: the embassy and the consulate are to be reduced to 11 persons within 48 hours (Fidel Castro had made the "
                + "demand in his speech of 2 January). Hour assumed.");
    Note rupture =
        new Note(NOTE_RUPTURE_1961, "OUTGOING", RUPTURE_1961,
            "3 January 1961: the United States terminates diplomatic and consular relations with Cuba (announced by President "
                + "Eisenhower the same day); the embassy and the consulate in Santiago close and their staff leave. Hour assumed.");
    Note agreement =
        new Note(NOTE_AGREEMENT_1977, "INCOMING", AGREEMENT_1977,
            "30 May 1977: the United States and Cuba agree to open interests sections in each other's capital, the US section in "
                + "Havana under the protection of Switzerland; they open on 1 September 1977. Hour assumed; the ceiling of "
                + SECTION_CEILING_1977 + " is the small staff of 1977 as the demo takes it.");
    Note letters =
        new Note(NOTE_LETTERS_2015, "INCOMING", LETTERS_2015,
            "1 July 2015: letters exchanged between Presidents Obama and Raul Castro, delivered by the heads of the interests "
                + "sections: diplomatic relations are restored and embassies reopen as of 20 July 2015. Hour assumed.");
    return new Exercise(
        "cuba1961",
        "Cuba and the United States, 1961 to 2015",
        List.of(US_HAVANA_1961, US_SECTION_HAVANA_1977),
        List.of(
            new Step(
                "reduction", "2-3 January 1961",
                "Cuba's note, delivered in the night: the US embassy reduced to 11 within 48 hours",
                List.of(
                    new Action(embassy, START_1961, List.of(), new Command.Registration(), HISTORY),
                    new Action(embassy, REDUCTION_1961, List.of(reduction),
                        new Command.StaffCeiling(NOTE_REDUCTION_1961, REDUCTION_CEILING_1961, REDUCTION_WINDOW_1961), HOUR_ASSUMED))),
            new Step(
                "rupture", "3 January 1961",
                "the United States breaks relations by its own note; the reduction is superseded",
                List.of(
                    new Action(embassy, RUPTURE_1961, List.of(rupture), new Command.Rupture(NOTE_RUPTURE_1961, DEPARTURE_1961, "SENDING_STATE", true),
                        HOUR_ASSUMED))),
            new Step(
                "protection", "January 1961 (day assumed)",
                "Switzerland takes charge of US interests in Cuba, with Cuba's consent",
                List.of(new Action(embassy, PROTECTION_1961, List.of(), new Command.ProtectingPower("CH", "BOTH", PROTECTION_1961), ASSUMED))),
            new Step(
                "cessation", "4 January 1961 (assumed)",
                "no talks: the embassy ceases on the US note; its last staff get 24 hours",
                List.of(new Action(embassy, CESSATION_1961, List.of(), new Command.Cessation(NOTE_RUPTURE_1961, FINAL_DEPARTURE_1961), ASSUMED))),
            new Step(
                "closure", "5 January 1961 (assumed)",
                "the embassy closes, its premises in Swiss custody",
                List.of(new Action(embassy, CLOSURE_1961, List.of(), new Command.Closure(NOTE_RUPTURE_1961), ASSUMED))),
            new Step(
                "section", "1 September 1977",
                "the US Interests Section opens in Havana under Swiss protection, at most " + SECTION_CEILING_1977 + " staff",
                List.of(new Action(section, SECTION_1977, List.of(agreement), new Command.Registration(), HOUR_ASSUMED))),
            new Step(
                "restoration", "20 July 2015",
                "relations restored: the section becomes the Embassy of the United States",
                List.of(new Action(section, RESTORATION_2015, List.of(letters), new Command.Restoration(NOTE_LETTERS_2015), HISTORY)))));
  }

  static final List<Exercise> ALL = List.of(CASE_2019, CUBA_1961);

  static Optional<Exercise> named(String name) {
    return ALL.stream().filter(e -> e.name().equals(name)).findFirst();
  }
}
