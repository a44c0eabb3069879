package io.calamari.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calamari.server.error.ThrottledException;
import io.calamari.testkit.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final MutableClock clock = MutableClock.atFixedStart();
    private final LoginThrottle throttle = new LoginThrottle(clock);

    private void fail(String user, String address, int times) {
        for (int attempt = 0; attempt < times; attempt++) {
            throttle.failed(user, address);
        }
    }

    @Test
    void belowTheThresholdNobodyWaits() {
        fail("admin", "192.0.2.1", LoginThrottle.USER_THRESHOLD - 1);
        assertThatCode(() -> throttle.check("admin", "192.0.2.1")).doesNotThrowAnyException();
    }

    @Test
    void waitsDoubleWithEachFurtherFailureUpToTheCap() {
        fail("admin", "192.0.2.1", LoginThrottle.USER_THRESHOLD);
        assertThatThrownBy(() -> throttle.check("admin", "192.0.2.1"))
                .isInstanceOfSatisfying(
                        ThrottledException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
        fail("admin", "192.0.2.1", 3);
        assertThatThrownBy(() -> throttle.check("admin", "192.0.2.1"))
                .isInstanceOfSatisfying(
                        ThrottledException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(8)));
        fail("admin", "192.0.2.1", 20);
        assertThatThrownBy(() -> throttle.check("admin", "192.0.2.1"))
                .isInstanceOfSatisfying(
                        ThrottledException.class,
                        e -> assertThat(e.retryAfter()).isLessThanOrEqualTo(LoginThrottle.MAXIMUM_WAIT.plusSeconds(1)));
    }

    @Test
    void theRealUserAtAnotherAddressIsNotLockedOut() {
        fail("admin", "198.51.100.7", LoginThrottle.USER_THRESHOLD + 5);
        assertThatCode(() -> throttle.check("admin", "192.0.2.1")).doesNotThrowAnyException();
    }

    @Test
    void oneAddressTryingManyUsernamesIsThrottledToo() {
        for (int user = 0; user < LoginThrottle.ADDRESS_THRESHOLD; user++) {
            throttle.failed("user" + user, "198.51.100.7");
        }
        assertThatThrownBy(() -> throttle.check("someone-new", "198.51.100.7")).isInstanceOf(ThrottledException.class);
    }

    @Test
    void successAndTimeForgiveFailures() {
        fail("admin", "192.0.2.1", LoginThrottle.USER_THRESHOLD);
        throttle.succeeded("admin", "192.0.2.1");
        assertThatCode(() -> throttle.check("admin", "192.0.2.1")).doesNotThrowAnyException();

        fail("admin", "192.0.2.1", LoginThrottle.USER_THRESHOLD + 12);
        clock.advance(
                LoginThrottle.MAXIMUM_WAIT.plus(LoginThrottle.FORGET_AFTER).plusSeconds(1));
        assertThatCode(() -> throttle.check("admin", "192.0.2.1")).doesNotThrowAnyException();
        throttle.failed("admin", "192.0.2.1");
        assertThatCode(() -> throttle.check("admin", "192.0.2.1"))
                .as("after forgetting, counting starts again from one")
                .doesNotThrowAnyException();
    }
}
