package org.interestsoffice.notifications.alerts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.interestsoffice.notifications.alerts.Alert.Transition;
import org.interestsoffice.notifications.alerts.AlertViews.AlertProgressView;
import org.interestsoffice.notifications.alerts.AlertViews.AlertView;
import org.interestsoffice.notifications.alerts.AlertViews.DeliveryAttemptView;
import org.interestsoffice.notifications.contacts.Contact;
import org.interestsoffice.platform.tracing.Traces;
import org.interestsoffice.platform.paging.KeysetPage;
import org.interestsoffice.platform.paging.Page;
import org.interestsoffice.platform.paging.PageQuery;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The only class that reads or writes the {@code alert} table (with its delivery log, {@code
 * delivery_attempt}, and the earlier acknowledgement links): what changes an alert's status is
 * decided by {@link Alert} and written here, with its line in the delivery log, in the caller's
 * transaction. Every collection query for the API takes the caller's office filter (empty: all
 * offices), so nothing of another office is ever read.
 */
@Repository
class AlertRepository {

  // Written out from the enum, not bound: the partial indexes on due alerts then serve every plan.
  private static final String WAITING = "('" + AlertStatus.QUEUED.name() + "', '" + AlertStatus.RETRYING.name() + "')";
  /** Names the cursors this list issues: another list's cursor is refused here. */
  private static final String LIST = "alerts";

  private static final String IN_OFFICES = "(cast(:filtered as boolean) = false or office_code = any(:offices))";

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate batches;
  private final Traces traces;

  AlertRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batches, Traces traces) {
    this.jdbc = jdbc;
    this.batches = batches;
    this.traces = traces;
  }

  /** A new alert, as {@link AlertQueue} raises it. */
  record NewAlert(
      UUID id,
      UUID staffId,
      UUID missionId,
      String officeCode,
      String deadlineKind,
      UUID deadlineId,
      int deadlineVersion,
      int round,
      Slot slot,
      Channel channel,
      Audience audience,
      String missionName,
      String missionTimeZone,
      Instant dueAt,
      String deadlineStatus,
      String change,
      String recipient,
      String language,
      Optional<AckToken> ackToken,
      Instant linkExpiresAt,
      boolean exercise,
      Instant caseAt) {}

  private static final String INSERT =
      """
      with queued as (
      insert into alert (id, staff_id, mission_id, office_code, deadline_kind, deadline_id, deadline_version, round,
                         slot, channel, audience, mission_name, mission_time_zone, due_at, deadline_status, change,
                         reminder_offset_seconds, recipient, language, status, unsent_ack_token, ack_token_hash, ack_expires_at,
                         exercise, case_at, trace_parent)
      values (:id, :staffId, :missionId, :office, :kind, :deadlineId, :version, :round,
              :slot, :channel, :audience, :missionName, :zone, :dueAt, :status, :change,
              :offset, :recipient, :language, :queued, :token, :tokenHash, :expiresAt,
              :exercise, :caseAt, cast(:traceParent as text))
      on conflict (staff_id, deadline_id, deadline_version, round, slot, channel) do nothing
      returning id, channel)
      insert into delivery_attempt (alert_id, channel, status, at, error)
      select id, channel, :queued, :now, null from queued
      """;

  /**
   * Inserts each alert unless it exists (same person, deadline, version, round, slot and channel),
   * with its first line in the delivery log in the same statement; all of them in one batch (one
   * round trip).
   *
   * @return for each alert in order, whether it was queued (false if it existed)
   */
  List<Boolean> insertAll(List<NewAlert> alerts, Instant now) {
    if (alerts.isEmpty()) {
      return List.of();
    }
    int[] queued = batches.batchUpdate(INSERT, alerts.stream().map(alert -> parameters(alert, now)).toArray(SqlParameterSource[]::new));
    return Arrays.stream(queued).mapToObj(count -> count == 1).toList();
  }

  private SqlParameterSource parameters(NewAlert alert, Instant now) {
    MapSqlParameterSource parameters = new MapSqlParameterSource();
    parameters.addValue("id", alert.id());
    parameters.addValue("staffId", alert.staffId());
    parameters.addValue("missionId", alert.missionId());
    parameters.addValue("office", alert.officeCode());
    parameters.addValue("kind", alert.deadlineKind());
    parameters.addValue("deadlineId", alert.deadlineId());
    parameters.addValue("version", alert.deadlineVersion());
    parameters.addValue("round", alert.round());
    parameters.addValue("slot", alert.slot().code());
    parameters.addValue("channel", alert.channel().name());
    parameters.addValue("audience", alert.audience().name());
    parameters.addValue("missionName", alert.missionName());
    parameters.addValue("zone", alert.missionTimeZone());
    parameters.addValue("dueAt", timestamp(alert.dueAt()));
    parameters.addValue("status", alert.deadlineStatus());
    parameters.addValue("change", alert.change());
    parameters.addValue("offset", alert.slot() instanceof Slot.Reminder reminder ? reminder.before().toSeconds() : null);
    parameters.addValue("recipient", alert.recipient());
    parameters.addValue("language", alert.language());
    parameters.addValue("queued", AlertStatus.QUEUED.name());
    parameters.addValue("token", alert.ackToken().map(AckToken::value).orElse(null));
    parameters.addValue("tokenHash", alert.ackToken().map(AckToken::hash).orElse(null));
    parameters.addValue("expiresAt", alert.ackToken().isPresent() ? timestamp(alert.linkExpiresAt()) : null);
    parameters.addValue("exercise", alert.exercise());
    parameters.addValue("caseAt", timestamp(alert.caseAt()));
    // The trace it is queued in (the event's): its sending continues it.
    parameters.addValue("traceParent", traces.currentParent().orElse(null));
    parameters.addValue("now", timestamp(now));
    return parameters;
  }

  /** The person's alerts waiting to be sent are due now; how many there are. */
  int wakeWaitingFor(UUID staffId) {
    return jdbc.sql(
            """
            update alert set next_attempt_at = now()
            where staff_id = :staffId and audience = :staff and status in """
                + WAITING)
        .param("staffId", staffId)
        .param("staff", Audience.STAFF.name())
        .update();
  }

  /** Locks up to {@code batchSize} alerts of the channel that are due, skipping those others hold. */
  List<DueAlert> claimDue(Channel channel, int batchSize) {
    return jdbc.sql(
            """
            select a.*, c.full_name, c.email, c.phone, c.language as contact_language, c.mission_id as contact_mission_id,
                   c.office_code as contact_office_code
            from alert a left join staff_contact c on c.staff_id = a.staff_id
            where a.channel = :channel and a.next_attempt_at <= now() and a.status in """
                + WAITING
                + """

            order by a.next_attempt_at, a.created_at
            limit :batchSize
            for update of a skip locked
            """)
        .param("channel", channel.name())
        .param("batchSize", batchSize)
        .query(AlertRepository::due)
        .list();
  }

  /** The alert, locked for a change. */
  Optional<Alert> findForUpdate(UUID id) {
    return jdbc.sql("select * from alert where id = :id for update").param("id", id).query(AlertRepository::state).optional();
  }

  /** The SMS alert a provider's report names, by the provider's id for it, locked. */
  Optional<Alert> findSmsByProviderIdForUpdate(String providerMessageId) {
    return jdbc.sql("select * from alert where channel = :sms and provider_message_id = :id for update")
        .param("sms", Channel.SMS.name())
        .param("id", providerMessageId)
        .query(AlertRepository::state)
        .optional();
  }

  /** Writes a status change decided by {@link Alert}, and its line in the delivery log. */
  void apply(Transition transition, Instant now) {
    write(transition, now, "", null);
  }

  /** A transition to sent, and what went out. */
  record Sending(Transition transition, SentMessage message) {}

  private static final String SENT =
      """
      update alert set status = :status, attempts = :attempts, last_error = null, sent_at = now(),
                       recipient = :recipient, language = :language, subject = :subject, body = :body,
                       provider_message_id = :providerMessageId, sent_by = :sentBy, unsent_ack_token = null
      where id = :id
      """;

  private static final String LOG =
      "insert into delivery_attempt (alert_id, channel, status, at, error) values (:alertId, :channel, :status, :at, :error)";

  /**
   * The channel took the messages: what went out is kept with each alert, and its raw link token is
   * erased; the alerts and their lines in the delivery log are written as two batches (two round trips
   * for a dispatcher's whole batch, not two per message).
   */
  void applySent(List<Sending> sendings, Instant now) {
    List<SqlParameterSource> updates = new ArrayList<>(sendings.size());
    List<SqlParameterSource> lines = new ArrayList<>(sendings.size());
    for (Sending sending : sendings) {
      Alert after = sending.transition().after();
      SentMessage message = sending.message();
      updates.add(
          new MapSqlParameterSource()
              .addValue("status", after.status().name())
              .addValue("attempts", after.attempts())
              .addValue("recipient", message.recipient())
              .addValue("language", message.language())
              .addValue("subject", message.subject())
              .addValue("body", message.storedBody())
              .addValue("providerMessageId", message.providerMessageId())
              .addValue("sentBy", message.sentBy())
              .addValue("id", after.id()));
      sending.transition().logged().ifPresent(logged -> lines.add(logLine(after.id(), after.channel(), logged, now)));
    }
    batches.batchUpdate(SENT, updates.toArray(SqlParameterSource[]::new));
    if (!lines.isEmpty()) {
      batches.batchUpdate(LOG, lines.toArray(SqlParameterSource[]::new));
    }
  }

  /** Not taken (or not tried yet): tried again after the delay; the address it was meant for, if known, is kept. */
  void applyRetryAfter(Transition transition, Duration delay, String address, Instant now) {
    write(transition, now, ", next_attempt_at = now() + make_interval(secs => :delaySeconds), recipient = coalesce(:recipient, recipient)",
        spec -> spec.param("delaySeconds", delay.toMillis() / 1000.0).param("recipient", address));
  }

  /** A report from the SMS provider. */
  void applyReported(Transition transition, Instant now) {
    write(transition, now, ", delivered_at = case when :delivered then now() else delivered_at end",
        spec -> spec.param("delivered", transition.after().status() == AlertStatus.DELIVERED));
  }

  /**
   * A re-drive: due now, recorded with who asked. An alert already sent has erased its raw link
   * token, so it goes out with a new link; the one it carried before keeps working.
   */
  void applyReDriven(Transition transition, String by, Instant now, AckToken newLink, Instant linkExpiresAt) {
    UUID id = transition.after().id();
    boolean staff =
        jdbc.sql("select audience = :staff from alert where id = :id").param("staff", Audience.STAFF.name()).param("id", id).query(Boolean.class).single();
    if (staff) {
      jdbc.sql(
              """
              insert into earlier_ack_link (token_hash, alert_id, expires_at)
              select ack_token_hash, id, ack_expires_at from alert where id = :id and unsent_ack_token is null and ack_token_hash is not null
              on conflict do nothing
              """)
          .param("id", id)
          .update();
      jdbc.sql(
              """
              update alert set ack_token_hash = case when unsent_ack_token is null then :hash else ack_token_hash end,
                               ack_expires_at = case when unsent_ack_token is null then :expiresAt
                                                     else greatest(ack_expires_at, :expiresAt) end,
                               unsent_ack_token = coalesce(unsent_ack_token, :token)
              where id = :id
              """)
          .param("hash", newLink.hash())
          .param("expiresAt", timestamp(linkExpiresAt))
          .param("token", newLink.value())
          .param("id", id)
          .update();
    }
    write(transition, now, ", next_attempt_at = now(), last_redriven_at = :at, last_redriven_by = :by",
        spec -> spec.param("at", timestamp(now)).param("by", by));
  }

  void applyAcknowledged(Transition transition, Instant at) {
    jdbc.sql("update alert set acknowledged_at = :at where id = :id and acknowledged_at is null")
        .param("at", timestamp(at))
        .param("id", transition.after().id())
        .update();
  }

  private void write(Transition transition, Instant now, String extraSets, UnaryOperator<JdbcClient.StatementSpec> extraParams) {
    Alert after = transition.after();
    JdbcClient.StatementSpec spec =
        jdbc.sql(
                "update alert set status = :status, attempts = :attempts, last_error = :error, redrive_count = :generation"
                    + extraSets
                    + " where id = :id")
            .param("status", after.status().name())
            .param("attempts", after.attempts())
            .param("error", after.lastError())
            .param("generation", after.generation())
            .param("id", after.id());
    (extraParams == null ? spec : extraParams.apply(spec)).update();
    transition.logged().ifPresent(logged -> log(after.id(), after.channel(), logged, now));
  }

  private void log(UUID alertId, Channel channel, Alert.Logged logged, Instant at) {
    batches.update(LOG, logLine(alertId, channel, logged, at));
  }

  private static SqlParameterSource logLine(UUID alertId, Channel channel, Alert.Logged logged, Instant at) {
    return new MapSqlParameterSource()
        .addValue("alertId", alertId)
        .addValue("channel", channel.name())
        .addValue("status", logged.status().name())
        .addValue("at", timestamp(at))
        .addValue("error", logged.error());
  }

  /** The latest SMS alert sent to one of these people and not acknowledged, locked. */
  Optional<LinkedAlert> latestUnacknowledgedSmsForUpdate(List<UUID> staffIds) {
    return jdbc.sql(
            """
            select a.*, coalesce(a.ack_expires_at, a.created_at) as link_expires_at
            from alert a
            where a.staff_id = any(:staffIds) and a.audience = :staff and a.channel = :sms
              and a.sent_at is not null and a.acknowledged_at is null
            order by a.sent_at desc, a.created_at desc
            limit 1
            for update
            """)
        .param("staffIds", staffIds.toArray(UUID[]::new))
        .param("staff", Audience.STAFF.name())
        .param("sms", Channel.SMS.name())
        .query(AlertRepository::linked)
        .optional();
  }

  /** A reply to the alert's SMS, as a line of its log (with the alert's status as it stands). */
  void logReply(UUID alertId, String text, ReplyOutcome outcome, Instant at) {
    jdbc.sql(
            """
            insert into delivery_attempt (alert_id, channel, status, at, reply, reply_outcome)
            select id, channel, status, :at, :reply, :outcome from alert where id = :alertId
            """)
        .param("alertId", alertId)
        .param("at", timestamp(at))
        .param("reply", text)
        .param("outcome", outcome.name())
        .update();
  }

  /** The alert whose link, current or earlier, has this token hash. */
  Optional<LinkedAlert> findByLink(byte[] tokenHash) {
    return jdbc.sql(
            """
            select a.*, l.expires_at as link_expires_at
            from (select id as alert_id, ack_expires_at as expires_at from alert where ack_token_hash = :hash
                  union all
                  select alert_id, expires_at from earlier_ack_link where token_hash = :hash) l
            join alert a on a.id = l.alert_id
            """)
        .param("hash", tokenHash)
        .query(AlertRepository::linked)
        .optional();
  }

  /** Whether the person acknowledged any alert of this order, of this version or a later one. */
  boolean acknowledgedAny(UUID staffId, String deadlineKind, int round, int fromVersion) {
    return jdbc.sql(
            """
            select exists (select 1 from alert
                           where staff_id = :staffId and deadline_kind = :kind and round = :round
                             and deadline_version >= :version and acknowledged_at is not null)
            """)
        .param("staffId", staffId)
        .param("kind", deadlineKind)
        .param("round", round)
        .param("version", fromVersion)
        .query(Boolean.class)
        .single();
  }

  /** Alerts that are DEAD, or FAILED after being sent, newest first; one of them if an id is given. */
  List<UndeliveredAlert> undelivered(UUID id, int limit) {
    return jdbc.sql(
            """
            select a.id, a.channel, a.slot, a.office_code, a.last_error, a.status, a.redrive_count, a.last_redriven_at,
                   a.last_redriven_by,
                   coalesce((select max(d.at) from delivery_attempt d where d.alert_id = a.id and d.status = a.status), a.created_at)
                     as dead_at
            from alert a
            where a.status in (:undelivered) and (cast(:id as uuid) is null or a.id = :id)
            order by dead_at desc
            limit :limit
            """)
        .param("undelivered", List.of(AlertStatus.DEAD.name(), AlertStatus.FAILED.name()))
        .param("id", id)
        .param("limit", limit)
        .query(
            (rs, row) ->
                new UndeliveredAlert(
                    rs.getObject("id", UUID.class),
                    Channel.valueOf(rs.getString("channel")),
                    Slot.parse(rs.getString("slot")),
                    rs.getString("office_code"),
                    AlertStatus.valueOf(rs.getString("status")),
                    rs.getString("last_error"),
                    rs.getTimestamp("dead_at").toInstant(),
                    rs.getInt("redrive_count"),
                    instant(rs.getTimestamp("last_redriven_at")),
                    rs.getString("last_redriven_by")))
        .list();
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static Alert state(ResultSet rs, int row) throws SQLException {
    return new Alert(
        rs.getObject("id", UUID.class),
        Channel.valueOf(rs.getString("channel")),
        AlertStatus.valueOf(rs.getString("status")),
        rs.getInt("attempts"),
        rs.getInt("redrive_count"),
        rs.getString("last_error"),
        rs.getTimestamp("acknowledged_at") != null);
  }

  private static DueAlert due(ResultSet rs, int row) throws SQLException {
    String token = rs.getString("unsent_ack_token");
    String contactName = rs.getString("full_name");
    return new DueAlert(
        state(rs, row),
        rs.getObject("staff_id", UUID.class),
        Slot.parse(rs.getString("slot")),
        Audience.valueOf(rs.getString("audience")),
        rs.getString("office_code"),
        rs.getString("recipient"),
        rs.getString("language"),
        rs.getString("mission_name"),
        rs.getString("mission_time_zone"),
        instant(rs.getTimestamp("due_at")),
        rs.getString("deadline_status"),
        rs.getString("change"),
        rs.getString("deadline_kind"),
        rs.getBoolean("exercise"),
        token == null ? Optional.empty() : Optional.of(new AckToken(token)),
        contactName == null
            ? Optional.empty()
            : Optional.of(
                new Contact(
                    rs.getObject("staff_id", UUID.class),
                    rs.getObject("contact_mission_id", UUID.class),
                    rs.getString("contact_office_code"),
                    contactName,
                    rs.getString("email"),
                    rs.getString("phone"),
                    rs.getString("contact_language"))),
        new DueAlert.OrderVersion(rs.getInt("deadline_version"), rs.getInt("round")),
        Optional.ofNullable(rs.getString("trace_parent")));
  }

  private static LinkedAlert linked(ResultSet rs, int row) throws SQLException {
    return new LinkedAlert(
        rs.getObject("id", UUID.class),
        rs.getObject("staff_id", UUID.class),
        rs.getObject("mission_id", UUID.class),
        rs.getString("office_code"),
        rs.getObject("deadline_id", UUID.class),
        rs.getString("deadline_kind"),
        rs.getInt("deadline_version"),
        rs.getInt("round"),
        rs.getString("language"),
        rs.getString("subject"),
        rs.getTimestamp("link_expires_at").toInstant(),
        instant(rs.getTimestamp("acknowledged_at")));
  }

  // Reads for the alerts API.

  Optional<AlertView> find(UUID id) {
    return jdbc.sql("select * from alert where id = :id").param("id", id).query(AlertRepository::alert).optional();
  }

  List<DeliveryAttemptView> attemptsOf(UUID alertId) {
    return jdbc.sql("select channel, status, at, error, reply, reply_outcome from delivery_attempt where alert_id = :alertId order by id")
        .param("alertId", alertId)
        .query(
            (rs, row) ->
                new DeliveryAttemptView(
                    rs.getString("channel"),
                    AlertStatus.valueOf(rs.getString("status")),
                    rs.getTimestamp("at").toInstant(),
                    rs.getString("error"),
                    rs.getString("reply"),
                    rs.getString("reply_outcome") == null ? null : ReplyOutcome.valueOf(rs.getString("reply_outcome"))))
        .list();
  }

  /** A page of the alerts matching the filters, in creation order (id breaks ties), after the cursor's alert. */
  Page<AlertView> search(UUID missionId, UUID staffId, AlertStatus status, Optional<Set<String>> offices, PageQuery page) {
    KeysetPage keyset = KeysetPage.byInstant(page, LIST, "created_at");
    List<AlertView> rows =
        keyset
            .bind(
                jdbc.sql(
                    """
                    select * from alert
                    where (cast(:missionId as uuid) is null or mission_id = :missionId)
                      and (cast(:staffId as uuid) is null or staff_id = :staffId)
                      and (cast(:status as text) is null or status = :status)
                      and """
                        + IN_OFFICES
                        + keyset.orderAndLimit()))
            .param("missionId", missionId)
            .param("staffId", staffId)
            .param("status", status == null ? null : status.name())
            .param("filtered", offices.isPresent())
            .param("offices", offices.orElse(Set.of()).toArray(String[]::new))
            .query(AlertRepository::alert)
            .list();
    return keyset.page(rows, AlertView::createdAt, AlertView::id);
  }

  /**
   * Whether notifications knows the mission within these offices: from an alert or from the
   * contact details of its staff (notifications keeps no list of missions of its own).
   */
  boolean knowsMission(UUID missionId, Optional<Set<String>> offices) {
    return jdbc.sql(
            "select exists (select 1 from alert where mission_id = :missionId and "
                + IN_OFFICES
                + ") or exists (select 1 from staff_contact where mission_id = :missionId and "
                + IN_OFFICES
                + ")")
        .param("missionId", missionId)
        .param("filtered", offices.isPresent())
        .param("offices", offices.orElse(Set.of()).toArray(String[]::new))
        .query(Boolean.class)
        .single();
  }

  /** The office a mission belongs to, as its alerts or its staff's contact details say. */
  Optional<String> officeOfMission(UUID missionId) {
    return jdbc.sql(
            """
            select office_code from alert where mission_id = :missionId
            union all
            select office_code from staff_contact where mission_id = :missionId
            limit 1
            """)
        .param("missionId", missionId)
        .query(String.class)
        .optional();
  }

  AlertProgressView progress(UUID missionId, Optional<Set<String>> offices) {
    return jdbc.sql(
            """
            select count(*) filter (where audience = :staff) as total,
                   count(*) filter (where audience = :staff and status = :queued) as queued,
                   count(*) filter (where audience = :staff and status = :retrying) as retrying,
                   count(*) filter (where audience = :staff and status = :sent) as sent,
                   count(*) filter (where audience = :staff and status = :delivered) as delivered,
                   count(*) filter (where audience = :staff and status = :failed) as failed,
                   count(*) filter (where audience = :staff and status = :dead) as dead,
                   count(*) filter (where audience = :staff and acknowledged_at is not null) as acknowledged,
                   count(distinct staff_id) filter (where audience = :staff) as staff,
                   count(distinct staff_id) filter (where audience = :staff and acknowledged_at is not null) as staff_acknowledged,
                   count(*) filter (where audience = :officeHead) as escalations,
                   coalesce(bool_or(exercise), false) as exercise
            from alert where mission_id = :missionId and """
                + IN_OFFICES)
        .param("missionId", missionId)
        .param("filtered", offices.isPresent())
        .param("offices", offices.orElse(Set.of()).toArray(String[]::new))
        .param("staff", Audience.STAFF.name())
        .param("officeHead", Audience.OFFICE_HEAD.name())
        .param("queued", AlertStatus.QUEUED.name())
        .param("retrying", AlertStatus.RETRYING.name())
        .param("sent", AlertStatus.SENT.name())
        .param("delivered", AlertStatus.DELIVERED.name())
        .param("failed", AlertStatus.FAILED.name())
        .param("dead", AlertStatus.DEAD.name())
        .query(
            (rs, row) ->
                new AlertProgressView(
                    missionId,
                    rs.getLong("total"),
                    rs.getLong("queued"),
                    rs.getLong("retrying"),
                    rs.getLong("sent"),
                    rs.getLong("delivered"),
                    rs.getLong("failed"),
                    rs.getLong("dead"),
                    rs.getLong("acknowledged"),
                    rs.getLong("staff"),
                    rs.getLong("staff_acknowledged"),
                    rs.getLong("escalations"),
                    rs.getBoolean("exercise")))
        .single();
  }

  private static AlertView alert(ResultSet rs, int row) throws SQLException {
    return new AlertView(
        rs.getObject("id", UUID.class),
        rs.getObject("staff_id", UUID.class),
        rs.getObject("mission_id", UUID.class),
        rs.getString("office_code"),
        rs.getString("deadline_kind"),
        rs.getObject("deadline_id", UUID.class),
        rs.getInt("deadline_version"),
        rs.getInt("round"),
        rs.getString("slot"),
        rs.getString("channel"),
        rs.getString("audience"),
        rs.getString("language"),
        AlertStatus.valueOf(rs.getString("status")),
        rs.getInt("attempts"),
        rs.getString("last_error"),
        instant(rs.getTimestamp("created_at")),
        instant(rs.getTimestamp("sent_at")),
        instant(rs.getTimestamp("delivered_at")),
        instant(rs.getTimestamp("acknowledged_at")),
        rs.getBoolean("exercise"),
        instant(rs.getTimestamp("case_at")));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
