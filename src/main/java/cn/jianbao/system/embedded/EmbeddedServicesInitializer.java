package cn.jianbao.system.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the embedded PostgreSQL and Elasticsearch before the context is refreshed, unless
 * the environment names real ones (SPRING_DATASOURCE_URL, SPRING_ELASTICSEARCH_URIS), and
 * points the datasource and Elasticsearch client at them.
 */
public class EmbeddedServicesInitializer
        implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

    static final String ES_HOME_PROPERTY = "jianbao.elasticsearch.embedded.home";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment env = context.getEnvironment();
        if (!env.getProperty("jianbao.embedded.enabled", Boolean.class, true)) {
            return;
        }
        boolean needPostgres = !env.containsProperty("spring.datasource.url");
        boolean needElasticsearch = !env.containsProperty("spring.elasticsearch.uris");
        if (!needPostgres && !needElasticsearch) {
            return;
        }
        boolean ephemeral = env.getProperty("jianbao.embedded.ephemeral", Boolean.class, false);
        Path dataDir = ephemeral ? temporaryDataDir() : Path.of(env.getProperty("jianbao.data-dir", ".jianbao-data"));
        Path esHome = needElasticsearch ? elasticsearchHome(env) : null;

        boolean durable = env.getProperty("jianbao.embedded.durable", Boolean.class, true);
        EmbeddedServices services = EmbeddedServices.acquire(dataDir, ephemeral, durable, needPostgres, esHome);
        env.getPropertySources().addFirst(new MapPropertySource("jianbaoEmbeddedServices",
                services.connectionProperties()));
        if (!ephemeral && needPostgres && needElasticsearch) {
            writeConnectionFile(dataDir.resolve("embedded.env"), services.connectionProperties());
        }

        // Released after every bean (datasource, engine) has been destroyed: registered first, destroyed last.
        if (context.getBeanFactory() instanceof DefaultSingletonBeanRegistry registry) {
            registry.registerDisposableBean("jianbaoEmbeddedServices", services::release);
        }
        if (needPostgres) {
            context.getBeanFactory().registerSingleton("embeddedPostgresControl", new EmbeddedPostgresControl(services));
        }
        if (services.elasticsearch() != null) {
            Duration timeout = env.getProperty("jianbao.embedded.elasticsearch-start-timeout", Duration.class,
                    Duration.ofMinutes(3));
            // The context is not "ready" before the search server is: wait once the beans are up.
            // a class, not a lambda: its event type must be readable, or an event multicaster that does not
            // guess (Spring Modulith's) hands it every event
            context.addApplicationListener(new ApplicationListener<ContextRefreshedEvent>() {
                @Override
                public void onApplicationEvent(ContextRefreshedEvent e) {
                    services.elasticsearch().awaitReady(timeout);
                    services.recordPids(); // the server process exists now, under its launcher
                }
            });
            context.getBeanFactory().registerSingleton("embeddedElasticsearchControl",
                    new EmbeddedElasticsearchControl(services));
        }
    }

    /**
     * Where this node's servers listen, as environment variables: a second application node on this
     * machine uses them instead of starting its own ({@code set -a; . .jianbao-data/embedded.env;
     * set +a; PORT=8081 ./mvnw spring-boot:run}, README "Two nodes").
     */
    private static void writeConnectionFile(Path file, java.util.Map<String, Object> properties) {
        StringBuilder b = new StringBuilder("# written at each start by the node that runs the embedded servers\n");
        new java.util.TreeMap<>(properties).forEach((k, v) ->
                b.append(k.toUpperCase().replace('.', '_')).append("='").append(v).append("'\n"));
        try {
            Files.writeString(file, b.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path elasticsearchHome(ConfigurableEnvironment env) {
        String home = env.getProperty(ES_HOME_PROPERTY);
        if (home == null) {
            // the Maven build unpacks it here (see pom.xml); also set when started from an IDE
            home = "target/elasticsearch/elasticsearch-" + env.getProperty("jianbao.elasticsearch.embedded.version", "8.19.21");
        }
        Path path = Path.of(home);
        if (!Files.isDirectory(path.resolve("lib"))) {
            throw new IllegalStateException("The embedded Elasticsearch is not unpacked at " + path.toAbsolutePath()
                    + ": run the application with ./mvnw spring-boot:run (which unpacks it), set " + ES_HOME_PROPERTY
                    + ", or set SPRING_ELASTICSEARCH_URIS to use a running server.");
        }
        return path;
    }

    private static Path ephemeralDataDir;

    /** One throw-away folder per JVM, so every cached test context shares one set of servers. */
    private static synchronized Path temporaryDataDir() {
        if (ephemeralDataDir == null) {
            try {
                // world-traversable: under root, Elasticsearch runs as an unprivileged user inside it
                ephemeralDataDir = Files.createTempDirectory("jianbao-data-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return ephemeralDataDir;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
