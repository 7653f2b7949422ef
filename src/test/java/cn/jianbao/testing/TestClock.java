package cn.jianbao.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.annotation.Primary;

/**
 * The application's clock in tests, and through it the engine's ({@code EngineClock}): the real time,
 * moved forward by a test that needs time to pass (a lock that ends after fifteen minutes, a timer
 * that fires after a day). A test that moves it puts it back when done. The offset is the JVM's, as
 * the engine's clock is: every cached test context reads the same time.
 */
@TestComponent
@Primary
public class TestClock extends Clock {

    private static volatile Duration offset = Duration.ZERO;

    public void advance(Duration by) {
        synchronized (TestClock.class) {
            offset = offset.plus(by);
        }
    }

    /** Moves the clock to {@code at}; from there it runs on. */
    public void moveTo(Instant at) {
        offset = Duration.between(Instant.now(), at);
    }

    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset);
    }
}
