package org.interestsoffice.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.AmqpConnectException;
import org.springframework.amqp.rabbit.support.ListenerExecutionFailedException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import tools.jackson.core.exc.StreamReadException;

/** Infrastructure that is down is waited out; a message that is wrong is not. */
class OutagesTest {

  @Test
  void aDatabaseOrBrokerThatIsAwayIsAnOutage() {
    // What a consumer sees when Hikari gives up waiting for a connection to begin its transaction.
    assertThat(Outages.isOutage(wrapped(new CannotCreateTransactionException(
        "Could not open JDBC Connection for transaction", new SQLTransientConnectionException("pool - Connection is not available"))))).isTrue();
    assertThat(Outages.isOutage(wrapped(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection")))).isTrue();
    assertThat(Outages.isOutage(wrapped(new IllegalStateException("handler", new SQLException("Connection refused", "08001"))))).isTrue();
    assertThat(Outages.isOutage(wrapped(new IllegalStateException("handler", new SQLException("terminating connection", "57P01"))))).isTrue();
    assertThat(Outages.isOutage(wrapped(new AmqpConnectException(new ConnectException("Connection refused"))))).isTrue();
  }

  @Test
  void anOutageHiddenBehindTheRollbackItMadeFailIsStillAnOutage() {
    // What a consumer sees when the pool hands it a connection used moments before the database went
    // away (so not checked): the statement fails on the broken line, the pool closes the connection,
    // and the rollback, failing with a plain "Connection is closed", is thrown in the statement's place.
    TransactionSystemException rollbackFailed = rollbackFailedAfter(new DataAccessResourceFailureException(
        "PreparedStatementCallback; An I/O error occurred while sending to the backend.",
        new SQLException("An I/O error occurred while sending to the backend.", "08006", new SocketException("Connection reset by peer"))));
    assertThat(Outages.isOutage(wrapped(rollbackFailed))).isTrue();
  }

  @Test
  void theReasonLoggedAndKeptNamesTheOriginalFailureBeforeTheRollbacks() {
    String reason = EventSubscription.reasonOf(wrapped(rollbackFailedAfter(new IllegalStateException("Parcel exploded"))));
    assertThat(reason).isEqualTo("IllegalStateException: Parcel exploded; then TransactionSystemException: JDBC rollback failed"
        + " (caused by SQLException: Connection is closed)");
  }

  @Test
  void aRollbackThatFailsAfterTheMessageDidLeavesTheFaultWithTheMessage() {
    assertThat(Outages.isOutage(wrapped(rollbackFailedAfter(new IllegalStateException("Parcel exploded"))))).isFalse();
    assertThat(Outages.isOutage(wrapped(rollbackFailedAfter(
        new PoisonMessageException("Unreadable payload", new ConnectException("Connection refused")))))).isFalse();
  }

  @Test
  void aMessageThatIsWrongIsNoOutage() {
    assertThat(Outages.isOutage(wrapped(new PoisonMessageException("Unreadable event envelope", new StreamReadException(null, "bad json"))))).isFalse();
    assertThat(Outages.isOutage(wrapped(new IllegalStateException("Parcel exploded")))).isFalse();
    assertThat(Outages.isOutage(wrapped(new IllegalArgumentException("ceiling must be positive")))).isFalse();
    assertThat(Outages.isOutage(wrapped(new DataIntegrityViolationException("duplicate key", new SQLException("duplicate", "23505"))))).isFalse();
  }

  @Test
  void aMessageJudgedPoisonStaysPoisonWhateverItsCause() {
    assertThat(Outages.isOutage(new PoisonMessageException("No handler", new ConnectException("Connection refused")))).isFalse();
  }

  /** As Spring's TransactionTemplate throws it when the rollback after {@code failure} fails too. */
  private static TransactionSystemException rollbackFailedAfter(Throwable failure) {
    TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
    rollbackFailed.initApplicationException(failure);
    return rollbackFailed;
  }

  private static RuntimeException wrapped(Throwable failure) {
    return new ListenerExecutionFailedException("Listener threw exception", failure);
  }
}
