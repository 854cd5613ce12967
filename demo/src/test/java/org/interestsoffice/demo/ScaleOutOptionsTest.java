package org.interestsoffice.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class ScaleOutOptionsTest {

  @Test
  void byDefaultFiveHundredPeopleAndAnOrderPlusTwoRemindersEach() {
    ScaleOutProof.Options options = ScaleOutProof.Options.parse(List.of());

    assertThat(options.staff()).isEqualTo(500);
    assertThat(options.slots()).isEqualTo(3);
  }

  @Test
  void aReminderThatWouldFallBeforeTheOrderIsNoSlot() {
    ScaleOutProof.Options options = ScaleOutProof.Options.parse(List.of("--lead", "3m", "--reminders", "48h,24h,6h,1h,2m"));

    assertThat(options.slots()).isEqualTo(2);
    assertThat(ScaleOutProof.Options.parse(List.of("--reminders", "none")).slots()).isEqualTo(1);
  }

  @Test
  void durationsAsTheServicesWriteThem() {
    assertThat(ScaleOutProof.duration("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(ScaleOutProof.duration("48h")).isEqualTo(Duration.ofHours(48));
    assertThat(ScaleOutProof.duration("PT2M")).isEqualTo(Duration.ofMinutes(2));
    assertThatThrownBy(() -> ScaleOutProof.duration("soon")).isInstanceOf(DemoFailure.class);
    assertThatThrownBy(() -> ScaleOutProof.Options.parse(List.of("--fast"))).isInstanceOf(DemoFailure.class);
  }

  @Test
  void anExerciseJumpMustGoPastTheDepartureDeadline() {
    assertThat(ScaleOutProof.Options.parse(List.of()).exerciseJump()).isNull();
    assertThat(ScaleOutProof.Options.parse(List.of("--exercise-jump", "60d", "--staff", "200")).exerciseJump()).isEqualTo(Duration.ofDays(60));
    assertThatThrownBy(() -> ScaleOutProof.Options.parse(List.of("--exercise-jump", "48h"))).isInstanceOf(DemoFailure.class);
  }
}
