package org.interestsoffice.demo;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo data: the rupture between Venezuela and the United States of January to March 2019, with
 * the two offices of the design ({@code CCS}: the United States in Caracas; {@code WAS}: Venezuela in
 * Washington), the US embassy in Caracas, Venezuela's embassy and consulates in the United States, and
 * a few dozen staff of every category. The offices and missions are real; every person, address and
 * telephone number is made up (addresses under example.org and example.com, US numbers in the
 * 555-01xx range reserved for fiction). The same roster every time, so a second load finds it.
 */
final class Case2019 {

  /** An office, with the demo users who act for it. */
  record Office(String code, String capital, String sendingState, String receivingState, String timeZone, String head, String officer) {}

  record Mission(String key, String officeCode, String kind, String name, String city, String timeZone, String sendingState, String receivingState) {

    boolean isEmbassy() {
      return kind.equals("EMBASSY");
    }
  }

  /** A staff member; {@code principalKey} names the diplomat a family member belongs to. */
  record Person(
      String key, String missionKey, String fullName, String category, String principalKey, String nationality, String email, String phone,
      String language) {}

  static final String MINISTRY_ADMIN = "ministry.admin";

  static final List<Office> OFFICES =
      List.of(
          new Office("CCS", "Caracas", "US", "VE", "America/Caracas", "ccs.head", "ccs.officer"),
          new Office("WAS", "Washington", "VE", "US", "America/New_York", "was.head", "was.officer"));

  static final List<Mission> MISSIONS =
      List.of(
          new Mission("us-embassy-caracas", "CCS", "EMBASSY", "Embassy of the United States in Caracas", "Caracas", "America/Caracas", "US", "VE"),
          new Mission("ve-embassy-washington", "WAS", "EMBASSY", "Embassy of Venezuela in Washington", "Washington", "America/New_York", "VE", "US"),
          new Mission("ve-consulate-new-york", "WAS", "CONSULATE", "Consulate General of Venezuela in New York", "New York", "America/New_York", "VE", "US"),
          new Mission("ve-consulate-miami", "WAS", "CONSULATE", "Consulate General of Venezuela in Miami", "Miami", "America/New_York", "VE", "US"),
          new Mission("ve-consulate-houston", "WAS", "CONSULATE", "Consulate General of Venezuela in Houston", "Houston", "America/Chicago", "VE", "US"),
          new Mission("ve-consulate-chicago", "WAS", "CONSULATE", "Consulate General of Venezuela in Chicago", "Chicago", "America/Chicago", "VE", "US"));

  /** The mission whose rupture the demo and the smoke test replay first. */
  static final String DEMO_MISSION = "us-embassy-caracas";

  /** How many of each category a mission has, in registration order (principals before family). */
  private record Staffing(int diplomats, int administrative, int service, int localHires, int family) {}

  private static final Map<String, Staffing> STAFFING =
      Map.of(
          "us-embassy-caracas", new Staffing(12, 6, 4, 6, 8),
          "ve-embassy-washington", new Staffing(8, 4, 3, 5, 6),
          "ve-consulate-new-york", new Staffing(2, 2, 1, 2, 1),
          "ve-consulate-miami", new Staffing(2, 2, 1, 2, 1),
          "ve-consulate-houston", new Staffing(2, 2, 1, 2, 1),
          "ve-consulate-chicago", new Staffing(2, 2, 1, 2, 1));

  private static final Map<String, String> AREA_CODE =
      Map.of("Caracas", "202", "Washington", "202", "New York", "212", "Miami", "305", "Houston", "713", "Chicago", "312");

  private static final String[] ENGLISH_GIVEN = {
    "Charlotte", "James", "Olivia", "Robert", "Emily", "Michael", "Grace", "William", "Hannah", "David", "Abigail", "Thomas",
    "Madison", "Daniel", "Sarah", "Andrew", "Laura", "Joseph", "Megan", "Christopher", "Rachel", "Matthew", "Claire", "Anthony",
    "Julia", "Benjamin", "Natalie", "Samuel", "Victoria", "Nathan"
  };
  private static final String[] ENGLISH_FAMILY = {
    "Whitfield", "Harrington", "Caldwell", "Pemberton", "Ashford", "Langley", "Merriweather", "Holloway", "Kensington", "Barlow",
    "Thornbury", "Fairchild", "Westbrook", "Ellsworth", "Hartley", "Prescott", "Radcliffe", "Sutton", "Winslow", "Carver", "Donovan",
    "Galloway", "Hendricks", "Lockwood", "Mercer", "Norwood", "Sinclair"
  };
  private static final String[] SPANISH_GIVEN = {
    "María", "José", "Carmen", "Luis", "Ana", "Carlos", "Isabel", "Jesús", "Rosa", "Miguel", "Gabriela", "Rafael", "Daniela", "Andrés",
    "Valentina", "Alejandro", "Mariana", "Fernando", "Patricia", "Ricardo", "Lucía", "Eduardo", "Verónica", "Gustavo", "Adriana",
    "Ramón", "Beatriz", "Héctor", "Elena", "Óscar"
  };
  private static final String[] SPANISH_FAMILY = {
    "Rodríguez", "González", "Hernández", "Pérez", "Martínez", "Ramírez", "Sánchez", "Díaz", "Torres", "Rojas", "Contreras", "Medina",
    "Guerrero", "Bolívar", "Salazar", "Castillo", "Mendoza", "Núñez", "Briceño", "Urdaneta", "Villalobos", "Carrasquel", "Peña",
    "Zambrano", "Arismendi", "Mujica", "Blanco"
  };

  private Case2019() {}

  static Mission mission(String key) {
    return MISSIONS.stream().filter(m -> m.key().equals(key)).findFirst().orElseThrow(() -> new IllegalArgumentException(key));
  }

  static Office office(String code) {
    return OFFICES.stream().filter(o -> o.code().equals(code)).findFirst().orElseThrow(() -> new IllegalArgumentException(code));
  }

  static Optional<Mission> missionNamed(String officeCode, String name) {
    return MISSIONS.stream().filter(m -> m.officeCode().equals(officeCode) && m.name().equals(name)).findFirst();
  }

  /** Every staff member of every mission, principals before their family. */
  static List<Person> staff() {
    Roster roster = new Roster();
    for (Mission mission : MISSIONS) {
      roster.staff(mission, STAFFING.get(mission.key()));
    }
    return List.copyOf(roster.people);
  }

  static List<Person> staffOf(String missionKey) {
    return staff().stream().filter(p -> p.missionKey().equals(missionKey)).toList();
  }

  /** Builds the roster: names drawn in order from the lists, so every run gives the same people. */
  private static final class Roster {

    private final List<Person> people = new ArrayList<>();
    private final Map<String, Integer> nextNumberByArea = new HashMap<>();
    private int english;
    private int spanish;
    private int venezuelanMobile;

    void staff(Mission mission, Staffing staffing) {
      // The sending state's own people: Americans in Caracas, Venezuelans in the United States.
      String sending = mission.sendingState();
      String host = mission.receivingState();
      List<Person> diplomats = new ArrayList<>();
      for (int i = 0; i < staffing.diplomats(); i++) {
        diplomats.add(add(mission, "DIPLOMATIC_AGENT", null, sending, i));
      }
      for (int i = 0; i < staffing.administrative(); i++) {
        add(mission, "ADMINISTRATIVE_TECHNICAL", null, sending, i);
      }
      for (int i = 0; i < staffing.service(); i++) {
        add(mission, "SERVICE_STAFF", null, sending, i);
      }
      // Local hires are the host state's nationals (one third-country national in Caracas): they
      // have no privileges and are not ordered out.
      for (int i = 0; i < staffing.localHires(); i++) {
        add(mission, "LOCAL_HIRE", null, host.equals("VE") && i == staffing.localHires() - 1 ? "CO" : host, i);
      }
      // Family members follow their principal, whatever their nationality (one is the host's).
      for (int i = 0; i < staffing.family(); i++) {
        Person principal = diplomats.get(i % diplomats.size());
        add(mission, "FAMILY_MEMBER", principal.key(), i == 1 ? host : sending, i);
      }
    }

    private Person add(Mission mission, String category, String principalKey, String nationality, int indexInCategory) {
      boolean venezuelan = nationality.equals("VE") || nationality.equals("CO");
      String given;
      String family;
      if (venezuelan) {
        given = SPANISH_GIVEN[spanish % SPANISH_GIVEN.length];
        family = SPANISH_FAMILY[(spanish * 7 + spanish / SPANISH_FAMILY.length) % SPANISH_FAMILY.length];
        spanish++;
      } else {
        given = ENGLISH_GIVEN[english % ENGLISH_GIVEN.length];
        family = ENGLISH_FAMILY[(english * 5 + english / ENGLISH_FAMILY.length) % ENGLISH_FAMILY.length];
        english++;
      }
      String fullName = given + " " + family;
      String key = mission.key() + "/" + category.toLowerCase() + "-" + (indexInCategory + 1);
      Person person =
          new Person(key, mission.key(), fullName, category, principalKey, nationality, email(mission, category, fullName), phone(mission, nationality),
              language(nationality, people.size()));
      people.add(person);
      return person;
    }

    /** Official addresses for staff with privileges, personal ones for local hires and family. */
    private static String email(Mission mission, String category, String fullName) {
      String local = Normalizer.normalize(fullName.toLowerCase(), Normalizer.Form.NFD).replaceAll("\\p{M}", "").replace(' ', '.');
      boolean official = !category.equals("LOCAL_HIRE") && !category.equals("FAMILY_MEMBER");
      String domain = official ? (mission.sendingState().equals("US") ? "state.example.org" : "mppre.example.org") : "mail.example.com";
      return local + "@" + domain;
    }

    /** Venezuelan mobiles for Venezuelans in Caracas; 555-01xx numbers of the city otherwise. */
    private String phone(Mission mission, String nationality) {
      if (mission.city().equals("Caracas") && !nationality.equals("US")) {
        return "+58412555" + String.format("%04d", ++venezuelanMobile);
      }
      String area = AREA_CODE.get(mission.city());
      int number = nextNumberByArea.merge(area, 1, Integer::sum) - 1;
      if (number > 99) {
        throw new IllegalStateException("more than 100 demo numbers in area " + area);
      }
      return "+1" + area + "55501" + String.format("%02d", number);
    }

    /** Mostly the language of the person's state; some prefer the other one. */
    private static String language(String nationality, int position) {
      boolean spanishSpeaking = nationality.equals("VE") || nationality.equals("CO");
      boolean other = position % 5 == 3;
      return spanishSpeaking != other ? "es" : "en";
    }
  }
}
