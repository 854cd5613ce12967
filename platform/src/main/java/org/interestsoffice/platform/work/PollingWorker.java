package org.interestsoffice.platform.work;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Background threads that work through batches of due rows: at every poll interval (or sooner, when
 * the worker knows its next work falls due before that: {@link #untilNextPass()}), and at once
 * when {@link #wakeUp()} is called (for example after a commit that created work). Rows are
 * claimed in the database, so any number of threads and instances can run side by side; a thread
 * that finds a full batch wakes a sleeping peer, so a burst of work is taken up in parallel.
 */
public abstract class PollingWorker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(PollingWorker.class);

  private final String name;
  private final Duration pollInterval;
  private final Duration stopTimeout;
  private final int threads;
  private final Semaphore wakeUps = new Semaphore(0);
  private volatile boolean running;
  private final List<Thread> workers = new ArrayList<>();

  protected PollingWorker(String name, Duration pollInterval, Duration stopTimeout) {
    this(name, pollInterval, stopTimeout, 1);
  }

  protected PollingWorker(String name, Duration pollInterval, Duration stopTimeout, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException(name + " needs at least one thread, not " + threads);
    }
    this.name = name;
    this.pollInterval = pollInterval;
    this.stopTimeout = stopTimeout;
    this.threads = threads;
  }

  /**
   * Handles one batch of due work.
   *
   * @return true when the batch was full, so that more may be waiting
   */
  protected abstract boolean workBatch();

  /**
   * How long to wait before the next pass, unless woken: the poll interval, or less for a worker that
   * knows when its next work falls due.
   */
  protected Duration untilNextPass() {
    return pollInterval;
  }

  /**
   * How long a worker woken by {@link #wakeUp()} waits before it looks, so that the work of a burst
   * (a consumer committing one order after another) is taken in a few full batches rather than in a
   * batch per commit; none by default.
   */
  protected Duration gatherAfterWakeUp() {
    return Duration.ZERO;
  }

  /** Asks the worker to look for work now rather than at its next poll. */
  public void wakeUp() {
    wakeUps.release();
  }

  private void run() {
    while (running) {
      try {
        long waitNanos = Math.max(0, Math.min(untilNextPass().toNanos(), pollInterval.toNanos()));
        boolean woken = wakeUps.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        long gather = gatherAfterWakeUp().toNanos();
        if (woken && gather > 0 && running) {
          // Whatever woke it is usually the first of a burst: the rest joins the same batch.
          TimeUnit.NANOSECONDS.sleep(gather);
        }
        wakeUps.drainPermits();
        while (running && workBatch()) {
          // A full batch: more may be waiting, so a peer may as well start on it too.
          if (threads > 1 && wakeUps.availablePermits() == 0) {
            wakeUps.release();
          }
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
    for (int i = 1; i <= threads; i++) {
      Thread worker = new Thread(this::run, threads == 1 ? name : name + "-" + i);
      worker.setDaemon(true);
      worker.start();
      workers.add(worker);
    }
  }

  @Override
  public synchronized void stop() {
    running = false;
    // Let the current batches finish (they hold row locks in their transactions) rather than interrupt them.
    wakeUps.release(workers.size());
    long deadline = System.nanoTime() + stopTimeout.toNanos();
    try {
      for (Thread worker : workers) {
        worker.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.clear();
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
