package org.interestsoffice.platform.testapp;

import org.interestsoffice.platform.events.EventEnvelope;
import org.interestsoffice.platform.inbox.EventSubscription;
import org.interestsoffice.platform.inbox.EventSubscriptions;
import org.interestsoffice.platform.outbox.Outbox;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.support.TransactionTemplate;

/** The smallest service that publishes and consumes through the platform. */
@SpringBootApplication
public class ParcelService {

  public static final String OFFICE = "CCS";

  /**
   * @param queue the queue this instance consumes from: a test whose contexts must not share one
   *     (a cached context of another test class would take its messages) names its own
   */
  @Bean
  EventSubscription parcels(
      EventSubscriptions subscriptions, ParcelLog log, @Value("${platformtest.parcels-queue:platformtest.parcels}") String queue) {
    return subscriptions.queue(queue).from("platformtest.events").on(ParcelShipped.class, log::onShipped).build();
  }

  /** Writes the event in a transaction of its own, as a use case would with its change. */
  public static EventEnvelope ship(TransactionTemplate transactions, Outbox outbox, Object event) {
    return transactions.execute(status -> outbox.append(OFFICE, event));
  }
}
