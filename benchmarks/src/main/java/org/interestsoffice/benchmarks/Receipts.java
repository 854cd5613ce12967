package org.interestsoffice.benchmarks;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;

/**
 * The instant each email reached the SMTP server, taken as GreenMail delivers it (the messages it
 * keeps carry no receipt time finer than the second), with a count per recipient: counting costs
 * nothing, where {@code getReceivedMessages()} gathers every mailbox.
 */
final class Receipts {

  private final AtomicInteger count = new AtomicInteger();
  private final AtomicReference<Instant> first = new AtomicReference<>();
  private final AtomicReference<Instant> last = new AtomicReference<>();
  private final Map<String, AtomicInteger> perRecipient = new ConcurrentHashMap<>();

  private Receipts() {}

  /**
   * Records every email the server takes from now on, and puts them all in one mailbox: GreenMail
   * finds a recipient's mailbox by walking every mailbox it has, so with one per person each email
   * took longer than the last (at 90,000 people a stack sample showed the SMTP handler in
   * {@code HierarchicalFolder.getChild} nearly every time, and emails fell to ~80/s). Who got
   * what is counted here, by address; the raw SMTP rate is measured against the same server.
   */
  static Receipts of(GreenMail smtp) {
    Receipts receipts = new Receipts();
    UserManager users = smtp.getUserManager();
    GreenMailUser everyone;
    try {
      everyone = users.createUser("receipts@benchmark.example", "receipts", "receipts");
    } catch (UserException e) {
      throw new IllegalStateException("GreenMail refused the benchmark's mailbox", e);
    }
    users.setMessageDeliveryHandler(
        (message, address) -> {
          receipts.received(address.getEmail(), Instant.now());
          return everyone;
        });
    return receipts;
  }

  private void received(String to, Instant at) {
    first.accumulateAndGet(at, (earlier, now) -> earlier == null || now.isBefore(earlier) ? now : earlier);
    last.accumulateAndGet(at, (later, now) -> later == null || now.isAfter(later) ? now : later);
    perRecipient.computeIfAbsent(to, recipient -> new AtomicInteger()).incrementAndGet();
    count.incrementAndGet();
  }

  /** Forgets what was received so far. */
  void clear() {
    perRecipient.clear();
    first.set(null);
    last.set(null);
    count.set(0);
  }

  int count() {
    return count.get();
  }

  /** The first since {@link #clear()}, or null. */
  Instant first() {
    return first.get();
  }

  /** The latest so far, or null. */
  Instant last() {
    return last.get();
  }

  /** Emails per recipient since {@link #clear()}. */
  Map<String, Integer> perRecipient() {
    Map<String, Integer> counts = new HashMap<>();
    perRecipient.forEach((to, n) -> counts.put(to, n.get()));
    return counts;
  }
}
