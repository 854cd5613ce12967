package org.interestsoffice.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The consumer's batch settings refuse what cannot work, with the property's name in the message. */
class MessagingPropertiesTest {

  @Test
  void aBatchOfOneIsEachMessageAloneAndLargerBatchesAreTaken() {
    assertThat(consumer(1, Duration.ofMillis(20)).batchSize()).isEqualTo(1);
    assertThat(consumer(50, Duration.ofMillis(5)).batchSize()).isEqualTo(50);
  }

  @Test
  void aBatchSizeBelowOneOrAGatherThatIsNotPositiveIsRefused() {
    assertThatThrownBy(() -> consumer(0, Duration.ofMillis(20))).hasMessageContaining("batch-size must be at least 1, not 0");
    assertThatThrownBy(() -> consumer(10, Duration.ZERO)).hasMessageContaining("batch-gather must be a positive duration");
    assertThatThrownBy(() -> consumer(10, Duration.ofMillis(-5))).hasMessageContaining("batch-gather must be a positive duration");
  }

  private static MessagingProperties.Consumer consumer(int batchSize, Duration gather) {
    return new MessagingProperties.Consumer(3, Duration.ofMillis(500), 3.0, Duration.ofSeconds(10), 1, 20, 20, 100, Duration.ofSeconds(30), batchSize, gather);
  }
}
