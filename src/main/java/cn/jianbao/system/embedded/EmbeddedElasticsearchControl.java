package cn.jianbao.system.embedded;

import java.time.Duration;

/**
 * Stop and restart of the embedded Elasticsearch, registered as a bean on the embedded default
 * so that tests can cause a real outage and its recovery.
 */
public final class EmbeddedElasticsearchControl {

    private final EmbeddedServices services;

    EmbeddedElasticsearchControl(EmbeddedServices services) {
        this.services = services;
    }

    public void stop() {
        services.stopElasticsearch();
    }

    public void restart(Duration timeout) {
        services.restartElasticsearch(timeout);
    }
}
