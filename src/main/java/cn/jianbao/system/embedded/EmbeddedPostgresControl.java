package cn.jianbao.system.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Stops and restarts the embedded PostgreSQL, as an outage would (for tests of the outage). */
public final class EmbeddedPostgresControl {

    private final EmbeddedServices services;

    EmbeddedPostgresControl(EmbeddedServices services) {
        this.services = services;
    }

    public void stop() {
        try {
            services.stopPostgres();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void restart() {
        try {
            services.restartPostgres();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
