package org.interestsoffice.missions.lifecycle;

import java.time.Duration;

import org.interestsoffice.platform.work.PollingWorker;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Polls for due deadlines in the background. Any number of instances (threads here, or service
 * instances) may run against one database: {@link ExpiringDeadlines} claims each deadline once.
 */
@Component
public class DeadlineScheduler extends PollingWorker {

  private final ExpiringDeadlines expiring;
  private final int batchSize;

  public DeadlineScheduler(
      ExpiringDeadlines expiring,
      @Value("${missions.deadlines.poll-interval:PT5S}") Duration pollInterval,
      @Value("${missions.deadlines.batch-size:100}") int batchSize) {
    super("deadline-scheduler", pollInterval, Duration.ofSeconds(30));
    this.expiring = expiring;
    this.batchSize = batchSize;
  }

  @Override
  protected boolean workBatch() {
    return expiring.fireDue(batchSize) == batchSize;
  }
}
