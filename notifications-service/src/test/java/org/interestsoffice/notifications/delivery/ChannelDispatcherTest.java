package org.interestsoffice.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** How a dispatcher batch is split into calls to the channel: one per trace, not per alert. */
class ChannelDispatcherTest {

  @Test
  void alertsQueuedUnderDifferentSpansOfOneTraceShareItsId() {
    String first = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    String second = "00-4bf92f3577b34da6a3ce929d0e0e4736-53995c3f42cd8ad8-01";

    assertThat(ChannelDispatcher.traceIdOf(Optional.of(first)))
        .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736")
        .isEqualTo(ChannelDispatcher.traceIdOf(Optional.of(second)));
    assertThat(ChannelDispatcher.traceIdOf(Optional.of("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")))
        .isNotEqualTo(ChannelDispatcher.traceIdOf(Optional.of(first)));
  }

  @Test
  void alertsWithoutATraceOrWithAnUnreadableOneGoTogether() {
    assertThat(ChannelDispatcher.traceIdOf(Optional.empty())).isEmpty();
    assertThat(ChannelDispatcher.traceIdOf(Optional.of("not a traceparent"))).isEmpty();
  }
}
