package org.interestsoffice.benchmarks;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.icegreen.greenmail.user.MessageDeliveryHandler;
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

  /** Records every email the server delivers from now on. */
  static Receipts of(GreenMail smtp) {
    Receipts receipts = new Receipts();
    UserManager users = smtp.getUserManager();
    MessageDeliveryHandler delivering = users.getMessageDeliveryHandler();
    users.setMessageDeliveryHandler(
        (message, address) -> {
          receipts.received(address.getEmail(), Instant.now());
          return delivering.handle(message, address);
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
