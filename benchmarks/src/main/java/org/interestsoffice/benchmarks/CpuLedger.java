package org.interestsoffice.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Where a machine's processor time goes while the benchmark runs: the CPU time each part of the
 * system spent between two readings of Linux's {@code /proc}, so a rate can be set beside what it
 * cost. The parts are the services' JVMs (by process id), this JVM (the benchmark's own client work
 * and counting) with parts of it told apart by thread (the SMTP server's connections), PostgreSQL
 * (every {@code postgres} process, with the backends that ended in between), RabbitMQ (its Erlang
 * VM) and everything else the machine did. On a machine without {@code /proc} there is nothing to
 * read: the ledger says so, and its totals are NaN.
 */
final class CpuLedger {

  /**
   * CPU time in seconds per part, and the machine's total busy, idle and stolen time (what the
   * hypervisor gave to other machines while this one wanted to run) at one instant.
   */
  record Reading(Map<String, Double> parts, double busy, double idle, double stolen) {}

  private static final Path PROC = Path.of("/proc");
  /** USER_HZ: the unit of /proc's CPU counters (100 on every Linux this runs on; getconf CLK_TCK). */
  private static final double TICKS_PER_SECOND = 100;
  static final String OTHER = "other";

  private final Map<String, Long> jvms;
  private final Map<String, Predicate<String>> ownThreads;

  /** @param jvms the Java processes to account for by name, in the order they are printed */
  CpuLedger(Map<String, Long> jvms) {
    this(jvms, Map.of());
  }

  /**
   * @param ownThreads parts of this JVM told apart by their threads' names (GreenMail's connection
   *     threads, say): their CPU time is taken out of this JVM's own part and shown on its own
   */
  CpuLedger(Map<String, Long> jvms, Map<String, Predicate<String>> ownThreads) {
    this.jvms = new LinkedHashMap<>(jvms);
    this.ownThreads = new LinkedHashMap<>(ownThreads);
  }

  Reading read() {
    if (!Files.isReadable(PROC.resolve("stat"))) {
      return new Reading(Map.of(), Double.NaN, Double.NaN, Double.NaN);
    }
    Map<String, Double> parts = new LinkedHashMap<>();
    Map<String, Double> threads = threadSeconds();
    double split = threads.values().stream().mapToDouble(Double::doubleValue).sum();
    long self = ProcessHandle.current().pid();
    jvms.forEach((name, pid) -> parts.put(name, seconds(ownTicks(pid)) - (pid == self ? split : 0)));
    parts.putAll(threads);
    long postgres = 0;
    long rabbit = 0;
    try (Stream<Path> processes = Files.list(PROC)) {
      for (Path process : processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
        long[] stat = stat(process);
        if (stat.length == 0) {
          continue;
        }
        String command = command(process);
        if (command.equals("postgres")) {
          // A backend that ended has its time in its parent's cutime and cstime: count the postmaster's.
          postgres += stat[0] + stat[1] + (isPostmaster(process) ? stat[2] + stat[3] : 0);
        } else if (command.equals("beam.smp")) {
          rabbit += stat[0] + stat[1];
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + PROC, e);
    }
    parts.put("PostgreSQL", seconds(postgres));
    parts.put("RabbitMQ", seconds(rabbit));
    double[] machine = machine();
    return new Reading(parts, machine[0], machine[1], machine[2]);
  }

  /**
   * The CPU time each part spent from {@code before} to {@code after}, in milliseconds per unit of
   * work ({@code units} emails, orders, people), "other" being the machine's busy time no part
   * accounts for; then the machine's idle share.
   */
  static String perUnit(Reading before, Reading after, int units, String unit) {
    if (Double.isNaN(after.busy())) {
      return "not measured (this machine has no /proc)";
    }
    StringBuilder line = new StringBuilder();
    double accounted = 0;
    for (Map.Entry<String, Double> part : after.parts().entrySet()) {
      double spent = part.getValue() - before.parts().getOrDefault(part.getKey(), 0.0);
      accounted += spent;
      line.append(String.format(Locale.ROOT, "%s %.2f, ", part.getKey(), 1000 * spent / units));
    }
    double busy = after.busy() - before.busy();
    double idle = after.idle() - before.idle();
    double stolen = after.stolen() - before.stolen();
    double all = Math.max(1e-9, busy + idle + stolen);
    line.append(String.format(Locale.ROOT, "%s %.2f; all %.2f ms of CPU per %s; the cores idle %.0f %% of the time, stolen by the host %.0f %%", OTHER,
        1000 * Math.max(0, busy - accounted) / units, 1000 * busy / units, unit, 100 * idle / all, 100 * stolen / all));
    return line.toString();
  }

  /**
   * The CPU time per unit, in milliseconds, that this machine's cores allow at {@code share} of a
   * rate of {@code perSecond} units: the budget a pipeline running at that rate must fit in.
   */
  static double budgetMillis(double perSecond, double share) {
    return 1000.0 * Runtime.getRuntime().availableProcessors() / (share * perSecond);
  }

  /** The machine's busy CPU time over a span, in seconds (all cores together). */
  static double busy(Reading before, Reading after) {
    return after.busy() - before.busy();
  }

  /** The CPU time of this JVM's threads that each of {@link #ownThreads} names, of live threads. */
  private Map<String, Double> threadSeconds() {
    Map<String, Double> seconds = new LinkedHashMap<>();
    ownThreads.keySet().forEach(part -> seconds.put(part, 0.0));
    if (ownThreads.isEmpty()) {
      return seconds;
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (long id : threads.getAllThreadIds()) {
      ThreadInfo info = threads.getThreadInfo(id);
      long nanos = threads.getThreadCpuTime(id);
      if (info == null || nanos < 0) {
        continue;
      }
      ownThreads.entrySet().stream()
          .filter(part -> part.getValue().test(info.getThreadName()))
          .findFirst()
          .ifPresent(part -> seconds.merge(part.getKey(), nanos / 1e9, Double::sum));
    }
    return seconds;
  }

  private static long ownTicks(long pid) {
    long[] stat = stat(PROC.resolve(Long.toString(pid)));
    return stat.length == 0 ? 0 : stat[0] + stat[1];
  }

  /** utime, stime, cutime, cstime of a process, or nothing when it has ended. */
  private static long[] stat(Path process) {
    try {
      String line = Files.readString(process.resolve("stat"));
      // Fields after the command, which is in parentheses and may itself hold spaces.
      String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
      return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12]), Long.parseLong(fields[13]), Long.parseLong(fields[14])};
    } catch (IOException | IndexOutOfBoundsException | NumberFormatException ended) {
      return new long[0];
    }
  }

  private static String command(Path process) {
    try {
      return Files.readString(process.resolve("comm")).strip();
    } catch (IOException ended) {
      return "";
    }
  }

  private static boolean isPostmaster(Path process) {
    try {
      String line = Files.readString(process.resolve("stat"));
      long parent = Long.parseLong(line.substring(line.lastIndexOf(')') + 2).split(" ")[1]);
      return !command(PROC.resolve(Long.toString(parent))).equals("postgres");
    } catch (IOException | RuntimeException ended) {
      return false;
    }
  }

  /** The machine's busy, idle and stolen seconds since boot, all cores together (/proc/stat's cpu line). */
  private static double[] machine() {
    try {
      List<String> lines = Files.readAllLines(PROC.resolve("stat"));
      String[] cpu = lines.get(0).trim().split("\\s+");
      long user = Long.parseLong(cpu[1]) + Long.parseLong(cpu[2]);
      long system = Long.parseLong(cpu[3]) + Long.parseLong(cpu[6]) + Long.parseLong(cpu[7]);
      long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
      long steal = cpu.length > 8 ? Long.parseLong(cpu[8]) : 0;
      return new double[] {seconds(user + system), seconds(idle), seconds(steal)};
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /proc/stat", e);
    }
  }

  private static double seconds(long ticks) {
    return ticks / TICKS_PER_SECOND;
  }
}
