package org.interestsoffice.notifications.alerts;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How alerts go out.
 *
 * @param mailFrom sender address of alert emails
 * @param pollInterval how often the dispatcher looks for due alerts when nothing wakes it
 * @param batchSize alerts claimed per transaction
 * @param maxAttempts attempts before an alert is marked DEAD
 * @param initialBackoff delay before the first retry; doubles with each attempt
 * @param maxBackoff ceiling of the back-off
 */
@ConfigurationProperties("notifications.alerts")
public record AlertSettings(
    @DefaultValue("alerts@interests-office.local") String mailFrom,
    @DefaultValue("500ms") Duration pollInterval,
    @DefaultValue("20") int batchSize,
    @DefaultValue("8") int maxAttempts,
    @DefaultValue("2s") Duration initialBackoff,
    @DefaultValue("10m") Duration maxBackoff) {}
