package org.interestsoffice.platform.inbox;

import org.interestsoffice.platform.testapp.ParcelService;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The same outages for a consumer that takes its messages in batches: the events that arrive while
 * the database is away are held as one batch and handled together once it is back; a message that
 * fails on its own still ends as a dead letter after its retries.
 */
@SpringBootTest(
    classes = ParcelService.class,
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "spring.datasource.hikari.connection-timeout=500",
      "spring.datasource.hikari.validation-timeout=250",
      "platform.messaging.consumer.outage-max-interval=1s",
      "platform.messaging.consumer.batch-size=10",
      // Long enough that the events published during the outage make one batch.
      "platform.messaging.consumer.batch-gather=500ms",
      "platformtest.parcels-queue=platformtest.parcels-outage-batched"
    })
@DirtiesContext
class BatchedDatabaseOutageIT extends DatabaseOutageIT {}
