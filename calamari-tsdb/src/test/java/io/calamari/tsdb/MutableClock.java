package io.calamari.tsdb;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move by hand. Thread-safe. */
final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(long epochSecond) {
        this.now = Instant.ofEpochSecond(epochSecond);
    }

    void advance(Duration duration) {
        now = now.plus(duration);
    }

    long seconds() {
        return now.getEpochSecond();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
