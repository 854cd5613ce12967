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

  @Test
  void aWorkerThatGathersTakesABurstOfWakeUpsInOnePass() throws InterruptedException {
    worker = new CountingWorker(AN_HOUR, AN_HOUR, Duration.ofMillis(500));
    worker.start();

    // Ten commits in quick succession, as a consumer makes them: one pass takes all their work.
    for (int commit = 0; commit < 10; commit++) {
      worker.wakeUp();
      Thread.sleep(10);
    }

    await().atMost(Duration.ofSeconds(5)).until(() -> worker.passes.get() >= 1);
    Thread.sleep(600); // a negative check: no second pass for the same burst
    assertThat(worker.passes.get()).isEqualTo(1);
  }

  @Test
  void withoutGatheringEachWakeUpIsAPass() throws InterruptedException {
    worker = new CountingWorker(AN_HOUR, AN_HOUR);
    worker.start();

    for (int commit = 0; commit < 3; commit++) {
      worker.wakeUp();
      int passes = commit + 1;
      await().atMost(Duration.ofSeconds(5)).until(() -> worker.passes.get() == passes);
    }
  }

  private static final class CountingWorker extends PollingWorker {

    final AtomicInteger passes = new AtomicInteger();
    private final Duration untilNextPass;
    private final Duration gather;

    CountingWorker(Duration pollInterval, Duration untilNextPass) {
      this(pollInterval, untilNextPass, Duration.ZERO);
    }

    CountingWorker(Duration pollInterval, Duration untilNextPass, Duration gather) {
      super("counting", pollInterval, Duration.ofSeconds(5));
      this.untilNextPass = untilNextPass;
      this.gather = gather;
    }

    @Override
    protected Duration gatherAfterWakeUp() {
      return gather;
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
