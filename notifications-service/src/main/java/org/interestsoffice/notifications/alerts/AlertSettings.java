package org.interestsoffice.notifications.alerts;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How alerts are queued and retried, whatever the channel.
 *
 * @param channels the channels every staff alert goes out on
 * @param pollInterval how often each channel's dispatcher looks for due alerts when nothing wakes it
 * @param batchSize alerts one dispatcher thread claims, and sends over one connection, at a time
 * @param maxAttempts attempts before an alert that keeps failing is marked DEAD
 * @param initialBackoff delay before the first retry; doubles with each attempt, with jitter
 * @param maxBackoff ceiling of the back-off
 * @param contactWait how often an alert whose person's contact details have not arrived yet looks
 *     again (it is also woken when they arrive)
 * @param gather how long a dispatcher woken by newly queued alerts waits before it claims them, so that
 *     a fan-out's alerts go out in full batches (a claim and a transaction per batch) rather than a
 *     few per order as the orders are committed; the delay every alert may take on its way out
 */
@ConfigurationProperties("notifications.alerts")
public record AlertSettings(
    @DefaultValue({"EMAIL", "SMS"}) List<Channel> channels,
    @DefaultValue("500ms") Duration pollInterval,
    @DefaultValue("50") int batchSize,
    @DefaultValue("8") int maxAttempts,
    @DefaultValue("2s") Duration initialBackoff,
    @DefaultValue("10m") Duration maxBackoff,
    @DefaultValue("1m") Duration contactWait,
    @DefaultValue("50ms") Duration gather) {}
