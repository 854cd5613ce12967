package org.interestsoffice.demo;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import tools.jackson.databind.json.JsonMapper;

/** {@code bin/demo}: the demo data, the cases of history replayed as exercises, and what the captures received. */
public final class Demo {

  static final String USAGE =
      """
      Usage: bin/demo <command>

        load                     load the 2019 case (offices CCS and WAS, their missions and staff); a second load adds nothing
        replay all               replay both cases of history as exercises, with their historical instants:
                                 2019 (Venezuela and the United States) and cuba1961 (Cuba, 1961 to 2015)
        replay 2019 [step|all]   2019 step by step: rupture, negotiation, suspension, extension, cessation, departure, closure
        replay cuba1961 [step|all]
                                 1961-2015: reduction, rupture, protection, cessation, closure, section, restoration
                                 (a bare 2019 step, "replay rupture", is the 2019 one)
        timeline [2019|cuba1961] the exercises' timelines as recorded (both when not named)
        status                   the demo missions and exercises: status, case clock, deadlines, staff by status, alerts
        mail [address]           what the SMTP capture received: per recipient, or every message to one address in full
        sms [number]             what the SMS capture received (NOTIFICATIONS_SMS_CAPTURE_FILE)
        prove-scale-out [opts]   with two instances of each service: a rupture of a 500-person mission gives each person
                                 exactly one alert per slot, and each deadline fires once (see bin/prove-scale-out);
                                 with --exercise-jump 60d, one jump of an exercise's case clock fires all once

      The running system is found through IOP_GATEWAY_URL, IOP_KEYCLOAK_URL, IOP_MAIL_API_URL and
      IOP_SMS_CAPTURE_FILE, which bin/demo reads from the local run (.run/endpoints.env).
      """;

  private Demo() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out));
  }

  static int run(String[] args, Map<String, String> environment, PrintStream out) {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
      out.print(USAGE);
      return args.length == 0 ? 2 : 0;
    }
    Endpoints endpoints = Endpoints.from(environment);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    JsonMapper json = JsonMapper.builder().build();
    Api api = new Api(endpoints, http, json, new Tokens(endpoints, http, json));
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    try {
      switch (args[0]) {
        case "load" -> {
          out.println("Loading the 2019 case through " + endpoints.gateway());
          new LoadingDemoData(api, out).load();
        }
        case "replay" -> {
          return replay(new ReplayingExercises(api, out), rest, out);
        }
        case "timeline" -> {
          ReplayingExercises replaying = new ReplayingExercises(api, out);
          for (Exercise exercise : rest.isEmpty() ? Histories.ALL : rest.stream().map(Demo::exercise).toList()) {
            replaying.printTimelines(exercise);
          }
        }
        case "status" -> new Status(api, out).show();
        case "mail" -> mail(new MailCapture(endpoints, http, json), rest, out);
        case "sms" -> sms(new SmsCapture(endpoints.smsCapture(), json), rest, out);
        case "prove-scale-out" -> {
          return new ScaleOutProof(api, new MailCapture(endpoints, http, json), new SmsCapture(endpoints.smsCapture(), json), endpoints, out)
              .run(ScaleOutProof.Options.parse(rest));
        }
        default -> {
          out.print("Unknown command " + args[0] + "\n\n" + USAGE);
          return 2;
        }
      }
      return 0;
    } catch (DemoFailure failure) {
      out.println("FAILED: " + failure.getMessage());
      return 1;
    }
  }

  private static int replay(ReplayingExercises replaying, List<String> rest, PrintStream out) {
    if (rest.isEmpty()) {
      out.println("Name a case and a step: replay 2019 <step|all>, replay cuba1961 <step|all>, or replay all");
      return 2;
    }
    if (rest.size() == 1 && rest.get(0).equals("all")) {
      Histories.ALL.forEach(replaying::replayAll);
    } else if (Histories.named(rest.get(0)).isPresent()) {
      Exercise exercise = Histories.named(rest.get(0)).get();
      List<String> steps = rest.subList(1, rest.size());
      if (steps.isEmpty() || steps.equals(List.of("all"))) {
        replaying.replayAll(exercise);
      } else {
        steps.forEach(step -> replaying.replay(exercise, step));
      }
    } else {
      // A bare step is 2019's, as the earlier replay named them.
      rest.forEach(step -> replaying.replay(Histories.CASE_2019, step));
    }
    out.println("Where things stand: bin/demo status; the timelines: bin/demo timeline; what went out: bin/demo mail, bin/demo sms");
    return 0;
  }

  private static Exercise exercise(String name) {
    return Histories.named(name)
        .orElseThrow(() -> new DemoFailure("No case " + name + ": the cases are "
            + String.join(", ", Histories.ALL.stream().map(Exercise::name).toList())));
  }

  private static void mail(MailCapture capture, List<String> rest, PrintStream out) {
    if (!rest.isEmpty()) {
      List<MailCapture.Mail> mails = capture.to(rest.get(0));
      out.printf("%d message(s) to %s%n", mails.size(), rest.get(0));
      for (MailCapture.Mail mail : mails) {
        out.println("----------------------------------------------------------------");
        out.println("Subject: " + mail.subject());
        mail.alertHeaders().forEach(out::println);
        out.println();
        out.println(mail.text().strip());
      }
      return;
    }
    List<String> recipients = capture.recipients();
    out.printf("%d recipient(s) received email%n", recipients.size());
    for (String recipient : recipients.stream().sorted().toList()) {
      List<MailCapture.Mail> mails = capture.to(recipient);
      out.printf("  %-45s %2d  %s%n", recipient, mails.size(), mails.isEmpty() ? "" : mails.get(mails.size() - 1).subject());
    }
    out.println("One address in full: bin/demo mail <address>");
  }

  private static void sms(SmsCapture capture, List<String> rest, PrintStream out) {
    if (!capture.exists()) {
      out.println("No SMS captured yet (" + capture.file() + " does not exist)");
      return;
    }
    List<SmsCapture.Sms> all = capture.all();
    if (!rest.isEmpty()) {
      all.stream().filter(sms -> sms.to().equals(rest.get(0))).forEach(sms -> out.printf("%s  %s%n    %s%n", sms.at(), sms.to(), sms.text()));
      return;
    }
    Map<String, List<SmsCapture.Sms>> byNumber = all.stream().collect(Collectors.groupingBy(SmsCapture.Sms::to, TreeMap::new, Collectors.toList()));
    out.printf("%d SMS to %d number(s) in %s%n", all.size(), byNumber.size(), capture.file());
    byNumber.forEach((number, messages) -> out.printf("  %-16s %2d  %s%n", number, messages.size(), messages.get(messages.size() - 1).text()));
  }
}
