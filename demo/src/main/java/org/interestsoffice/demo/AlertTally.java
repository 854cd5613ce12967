package org.interestsoffice.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Counts what reached each person through one channel, slot by slot, and says where it differs
 * from exactly one message per expected slot for those who are alerted and none for the others.
 */
final class AlertTally {

  /** What one channel delivered: recipient address to the slot of each message received. */
  private final Map<String, List<String>> slotsByRecipient = new HashMap<>();

  void received(String recipient, String slot) {
    slotsByRecipient.computeIfAbsent(recipient, r -> new ArrayList<>()).add(slot);
  }

  int total(Set<String> recipients) {
    return recipients.stream().mapToInt(r -> slotsByRecipient.getOrDefault(r, List.of()).size()).sum();
  }

  /** Whether every alerted recipient has at least one message per slot (what is still on its way). */
  boolean complete(Set<String> alerted, int slots) {
    return alerted.stream().allMatch(r -> slotsByRecipient.getOrDefault(r, List.of()).stream().distinct().count() >= slots);
  }

  /**
   * @param alerted recipients who must get exactly one message per slot
   * @param slots how many slots each must get
   * @param silent recipients who must get nothing
   * @return one line per recipient that got it wrong (at most {@code limit} lines, then a count)
   */
  List<String> findings(Set<String> alerted, int slots, Set<String> silent, int limit) {
    List<String> findings = new ArrayList<>();
    int wrong = 0;
    for (String recipient : new TreeSet<>(alerted)) {
      List<String> received = slotsByRecipient.getOrDefault(recipient, List.of());
      Map<String, Long> perSlot = received.stream().collect(Collectors.groupingBy(s -> s, TreeMap::new, Collectors.counting()));
      boolean duplicate = perSlot.values().stream().anyMatch(count -> count > 1);
      if (perSlot.size() != slots || duplicate) {
        wrong++;
        if (findings.size() < limit) {
          findings.add(recipient + ": expected one message in each of " + slots + " slots, got " + perSlot);
        }
      }
    }
    for (String recipient : silent) {
      List<String> received = slotsByRecipient.getOrDefault(recipient, List.of());
      if (!received.isEmpty()) {
        wrong++;
        if (findings.size() < limit) {
          findings.add(recipient + ": expected nothing (not ordered out), got " + received);
        }
      }
    }
    if (wrong > findings.size()) {
      findings.add("... and " + (wrong - findings.size()) + " more");
    }
    return findings;
  }
}
