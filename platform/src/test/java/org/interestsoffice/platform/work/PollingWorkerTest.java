package org.interestsoffice.platform.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A worker's passes: at its poll interval, sooner when it knows its next work falls due before
 * that, and at once when woken.
 */
class PollingWorkerTest {

  private static final Duration AN_HOUR = Duration.ofHours(1);

  private CountingWorker worker;

  @AfterEach
  void stop() {
    worker.stop();
  }

  @Test
  void aWorkerThatKnowsItsNextWorkIsDueSoonerThanItsPollIntervalPassesThen() {
    worker = new CountingWorker(AN_HOUR, Duration.ofMillis(50));
    worker.start();

    await().atMost(Duration.ofSeconds(5)).until(() -> worker.passes.get() >= 2);
  }

  @Test
  void itNeverWaitsLongerThanItsPollInterval() {
    worker = new CountingWorker(Duration.ofMillis(50), AN_HOUR);
    worker.start();

    await().atMost(Duration.ofSeconds(5)).until(() -> worker.passes.get() >= 2);
  }

  @Test
  void otherwiseItWaitsForItsPollIntervalUnlessWoken() throws InterruptedException {
    worker = new CountingWorker(AN_HOUR, AN_HOUR);
    worker.start();
    Thread.sleep(200); // a negative check: nothing may happen in this time
    assertThat(worker.passes.get()).isZero();

    worker.wakeUp();

    await().atMost(Duration.ofSeconds(5)).until(() -> worker.passes.get() == 1);
  }

  private static final class CountingWorker extends PollingWorker {

    final AtomicInteger passes = new AtomicInteger();
    private final Duration untilNextPass;

    CountingWorker(Duration pollInterval, Duration untilNextPass) {
      super("counting", pollInterval, Duration.ofSeconds(5));
      this.untilNextPass = untilNextPass;
    }

    @Override
    protected boolean workBatch() {
      passes.incrementAndGet();
      return false;
    }

    @Override
    protected Duration untilNextPass() {
      return untilNextPass;
    }
  }
}
