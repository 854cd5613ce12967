package org.interestsoffice.platform.work;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A background thread that works through batches of due rows: at every poll interval, and at
 * once when {@link #wakeUp()} is called (for example after a commit that created work). Rows are
 * claimed in the database, so any number of instances can run side by side.
 */
public abstract class PollingWorker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(PollingWorker.class);

  private final String name;
  private final Duration pollInterval;
  private final Duration stopTimeout;
  private final Semaphore wakeUps = new Semaphore(0);
  private volatile boolean running;
  private volatile Thread worker;

  protected PollingWorker(String name, Duration pollInterval, Duration stopTimeout) {
    this.name = name;
    this.pollInterval = pollInterval;
    this.stopTimeout = stopTimeout;
  }

  /**
   * Handles one batch of due work.
   *
   * @return true when the batch was full, so that more may be waiting
   */
  protected abstract boolean workBatch();

  /** Asks the worker to look for work now rather than at its next poll. */
  public void wakeUp() {
    wakeUps.release();
  }

  private void run() {
    while (running) {
      try {
        wakeUps.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        wakeUps.drainPermits();
        while (running && workBatch()) {
          // a full batch: more may be waiting
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // The database or the broker may be briefly unreachable; the next poll tries again.
        log.atWarn().addKeyValue("worker", name).log("{} pass failed: {}", name, e.toString());
      }
    }
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    worker = new Thread(this::run, name);
    worker.setDaemon(true);
    worker.start();
  }

  @Override
  public synchronized void stop() {
    running = false;
    Thread current = worker;
    worker = null;
    if (current != null) {
      // Let the current batch finish (it holds row locks in its transaction) rather than interrupt it.
      wakeUps.release();
      try {
        current.join(stopTimeout.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Stops before the connections and the database pool it needs are closed. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 1000;
  }
}
