package org.interestsoffice.platform.inbox;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.amqp.AmqpConnectException;
import org.springframework.amqp.AmqpIOException;
import org.springframework.amqp.AmqpTimeoutException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a failure of the infrastructure (the database or the broker down or unreachable, a
 * connection pool that times out) from a failure of the message itself. The first passes when the
 * infrastructure comes back, so a consumer waits it out with the message in hand; only the second
 * makes a dead letter.
 */
public final class Outages {

  /** SQLSTATE classes and codes of a server that is away, starting, stopping or full: 08 (connection exception), 57P01-57P03, 53300. */
  private static final Set<String> UNAVAILABLE_SQL_STATES = Set.of("57P01", "57P02", "57P03", "53300");

  private Outages() {}

  /**
   * Whether anything in the failure's chain of causes says the infrastructure, not the message, is at
   * fault. A rollback that failed hides the failure that made it necessary (Spring throws the
   * rollback's {@link TransactionSystemException} in its place): that original failure is judged
   * too. It is how an outage usually shows when a pooled connection was used moments before the
   * database went away: the pool hands it out unchecked, the statement fails on the broken line, the
   * pool closes the connection, and the rollback fails with a plain "Connection is closed".
   */
  public static boolean isOutage(Throwable failure) {
    return verdict(failure, new IdentityHashMap<>()) == Verdict.OUTAGE;
  }

  private enum Verdict {
    OUTAGE,
    MESSAGE_AT_FAULT,
    UNDECIDED
  }

  private static Verdict verdict(Throwable failure, Map<Throwable, Boolean> seen) {
    for (Throwable cause = failure; cause != null && seen.put(cause, true) == null; cause = cause.getCause()) {
      if (cause instanceof PoisonMessageException) {
        // The message was judged unreadable or unwanted: no wait makes it better.
        return Verdict.MESSAGE_AT_FAULT;
      }
      if (isOutageItself(cause)) {
        return Verdict.OUTAGE;
      }
      if (cause instanceof TransactionSystemException rollbackFailure && rollbackFailure.getApplicationException() != null) {
        Verdict original = verdict(rollbackFailure.getApplicationException(), seen);
        if (original != Verdict.UNDECIDED) {
          return original;
        }
      }
    }
    return Verdict.UNDECIDED;
  }

  private static boolean isOutageItself(Throwable cause) {
    if (cause instanceof CannotCreateTransactionException // no connection to begin a transaction on (includes Hikari's timeout)
        || cause instanceof DataAccessResourceFailureException // includes CannotGetJdbcConnectionException
        || cause instanceof TransientDataAccessException // timeouts, lock and serialization failures
        || cause instanceof RecoverableDataAccessException
        || cause instanceof SQLTransientException // includes SQLTransientConnectionException
        || cause instanceof SQLRecoverableException
        || cause instanceof AmqpConnectException
        || cause instanceof AmqpIOException
        || cause instanceof AmqpTimeoutException
        || cause instanceof ConnectException
        || cause instanceof SocketTimeoutException
        || cause instanceof SocketException) {
      return true;
    }
    if (cause instanceof SQLException sql && sql.getSQLState() != null) {
      String state = sql.getSQLState();
      return state.startsWith("08") || UNAVAILABLE_SQL_STATES.contains(state);
    }
    // The PostgreSQL driver reports a broken line as an IOException beneath its own exception.
    return cause instanceof EOFException;
  }
}
