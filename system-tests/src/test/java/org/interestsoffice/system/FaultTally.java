package org.interestsoffice.system;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * What reached the people, per fault: for each phase's deadline version, per person and channel,
 * how many messages arrived (lost: none; duplicated: each one beyond the first), and per expiring
 * deadline how many distinct {@code DeadlineExpired} events crossed the broker.
 *
 * <p>Email: every copy that reached the SMTP server counts, so a batch re-sent after a crash counts
 * twice even though it carries the same Message-ID (a mail client that honours it shows it once);
 * {@code distinct} counts only two different alerts for one person, version and slot, which nothing
 * may excuse. SMS: the provider honours the Idempotency-Key, so a phone gets one message per key;
 * {@code withoutKey} says what a provider that ignored the key would have sent on top.
 */
final class FaultTally {

  record Person(String id, String email, String phone) {}

  /** One fault's figures on one channel, over all its cycles. */
  record Count(int expected, int lost, int duplicated, int distinct, int withoutKey) {
    Count plus(Count other) {
      return new Count(expected + other.expected, lost + other.lost, duplicated + other.duplicated, distinct + other.distinct,
          withoutKey + other.withoutKey);
    }
  }

  private static final Pattern ALERT_MESSAGE_ID = Pattern.compile("<alert-([0-9a-f-]{36})@");
  private static final Count NONE = new Count(0, 0, 0, 0, 0);

  final Map<FaultSuite.Fault, Count> email = new EnumMap<>(FaultSuite.Fault.class);
  final Map<FaultSuite.Fault, Count> sms = new EnumMap<>(FaultSuite.Fault.class);
  final Map<FaultSuite.Fault, Count> expiries = new EnumMap<>(FaultSuite.Fault.class);
  final Map<FaultSuite.Fault, Integer> emailBound = new EnumMap<>(FaultSuite.Fault.class);
  /** Messages that name no alert of the mission, or a slot no phase sent (a reminder, an escalation). */
  final List<String> unexpected = new ArrayList<>();
  private final int cycles;

  FaultTally(
      Map<String, Person> people,
      List<FaultSuite.Phase> phases,
      Map<String, FaultSuite.AlertKey> alerts,
      List<MimeMessage> emails,
      List<SmsProviderPeer.Delivered> texts,
      Map<String, Set<String>> expiriesByDeadline,
      ToIntFunction<FaultSuite.Fault> emailCopiesBound) {
    this.cycles = phases.stream().mapToInt(FaultSuite.Phase::cycle).max().orElse(0);
    Map<FaultSuite.AlertKey, Integer> copies = new HashMap<>();
    Map<FaultSuite.AlertKey, Set<String>> alertIds = new HashMap<>();
    Map<FaultSuite.AlertKey, Integer> requests = new HashMap<>();
    for (MimeMessage message : emails) {
      String recipient = Captures.recipientOf(message);
      Optional<String> alertId = alertOf(message);
      FaultSuite.AlertKey key = alertId.map(alerts::get).orElse(null);
      if (key == null || !recipient.equals(people.getOrDefault(key.staffId(), new Person("", "", "")).email())) {
        unexpected.add("email to " + recipient + " for alert " + alertId.orElse("(none)"));
        continue;
      }
      copies.merge(key, 1, Integer::sum);
      alertIds.computeIfAbsent(key, k -> new HashSet<>()).add(alertId.get());
    }
    for (SmsProviderPeer.Delivered text : texts) {
      FaultSuite.AlertKey key = alerts.get(text.reference());
      if (key == null || !text.to().equals(people.getOrDefault(key.staffId(), new Person("", "", "")).phone())) {
        unexpected.add("SMS to " + text.to() + " for alert " + text.reference());
        continue;
      }
      copies.merge(key, 1, Integer::sum);
      alertIds.computeIfAbsent(key, k -> new HashSet<>()).add(text.key());
      requests.merge(key, text.accepted(), Integer::sum);
    }
    Set<Integer> versions = new HashSet<>();
    for (FaultSuite.Phase phase : phases) {
      versions.add(phase.version());
      String slot = phase.version() == 1 ? "ORDER" : "DEADLINE_CHANGED";
      for (String channel : List.of("EMAIL", "SMS")) {
        int lost = 0, duplicated = 0, distinct = 0, withoutKey = 0;
        for (Person person : people.values()) {
          FaultSuite.AlertKey key = new FaultSuite.AlertKey(person.id(), channel, phase.version(), slot);
          int received = copies.getOrDefault(key, 0);
          if (received == 0) {
            lost++;
          }
          duplicated += Math.max(0, received - 1);
          distinct += Math.max(0, alertIds.getOrDefault(key, Set.of()).size() - 1);
          withoutKey += Math.max(0, requests.getOrDefault(key, 0) - Math.max(received, 1));
        }
        Count count = new Count(people.size(), lost, duplicated, distinct, withoutKey);
        (channel.equals("EMAIL") ? email : sms).merge(phase.fault(), count, Count::plus);
      }
      int events = expiriesByDeadline.getOrDefault(phase.expiringDeadline(), Set.of()).size();
      expiries.merge(phase.fault(), new Count(1, events == 0 ? 1 : 0, Math.max(0, events - 1), Math.max(0, events - 1), 0), Count::plus);
      emailBound.put(phase.fault(), emailCopiesBound.applyAsInt(phase.fault()));
    }
    copies.keySet().stream()
        .filter(key -> !versions.contains(key.version()) || !key.slot().equals(key.version() == 1 ? "ORDER" : "DEADLINE_CHANGED"))
        .limit(20)
        .forEach(key -> unexpected.add(key.channel() + " " + key.slot() + " version " + key.version() + " to " + key.staffId()));
  }

  static Optional<String> alertOf(MimeMessage message) {
    try {
      String id = message.getMessageID();
      if (id == null) {
        return Optional.empty();
      }
      Matcher matcher = ALERT_MESSAGE_ID.matcher(id);
      return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    } catch (MessagingException e) {
      return Optional.empty();
    }
  }

  Count total(Map<FaultSuite.Fault, Count> channel) {
    return channel.values().stream().reduce(NONE, Count::plus);
  }

  /** The table docs/testing.md and the closing note quote. */
  void print(PrintStream out) {
    out.printf("%nFault suite: %d cycle(s) of each fault%n", cycles);
    out.printf("%-14s %-46s %-34s %-46s %-24s%n", "fault", "email", "SMS", "SMS a provider ignoring the key would add", "expiries");
    for (FaultSuite.Fault fault : email.keySet()) {
      Count e = email.get(fault);
      Count s = sms.get(fault);
      Count x = expiries.get(fault);
      out.printf("%-14s %-46s %-34s %-46s %-24s%n", fault,
          String.format("lost %d, duplicated %d (bound %d; distinct %d)", e.lost(), e.duplicated(), emailBound.get(fault), e.distinct()),
          String.format("lost %d, duplicated %d", s.lost(), s.duplicated()),
          String.format("%d", s.withoutKey()),
          String.format("lost %d, duplicated %d", x.lost(), x.duplicated()));
    }
    Count e = total(email);
    Count s = total(sms);
    Count x = total(expiries);
    out.printf("%-14s %-46s %-34s %-46s %-24s%n", "all",
        String.format("lost %d, duplicated %d of %d", e.lost(), e.duplicated(), e.expected()),
        String.format("lost %d, duplicated %d of %d", s.lost(), s.duplicated(), s.expected()),
        String.format("%d", s.withoutKey()),
        String.format("lost %d, duplicated %d of %d", x.lost(), x.duplicated(), x.expected()));
    for (FaultSuite.Fault fault : email.keySet()) {
      out.printf("  %-12s %s%n", fault, fault.description);
    }
    if (!unexpected.isEmpty()) {
      out.printf("%d unexpected messages, e.g. %s%n", unexpected.size(), unexpected.subList(0, Math.min(5, unexpected.size())));
    }
  }

  /** Why the run fails, if it does: any loss, any distinct duplicate, SMS twice on a phone, email copies beyond the bound. */
  List<String> failures() {
    List<String> failures = new ArrayList<>();
    email.forEach((fault, count) -> {
      if (count.lost() > 0) failures.add(fault + ": " + count.lost() + " emails lost");
      if (count.distinct() > 0) failures.add(fault + ": " + count.distinct() + " second alerts by email for one slot");
      if (count.duplicated() > emailBound.get(fault)) failures.add(fault + ": " + count.duplicated() + " email copies, beyond the bound " + emailBound.get(fault));
    });
    sms.forEach((fault, count) -> {
      if (count.lost() > 0) failures.add(fault + ": " + count.lost() + " SMS lost");
      if (count.duplicated() > 0) failures.add(fault + ": " + count.duplicated() + " SMS delivered twice");
    });
    expiries.forEach((fault, count) -> {
      if (count.lost() > 0) failures.add(fault + ": " + count.lost() + " deadlines never expired on the broker");
      if (count.duplicated() > 0) failures.add(fault + ": " + count.duplicated() + " deadlines expired twice");
    });
    if (!unexpected.isEmpty()) {
      failures.add(unexpected.size() + " unexpected messages");
    }
    return failures;
  }
}
