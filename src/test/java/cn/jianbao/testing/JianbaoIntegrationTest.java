package cn.jianbao.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on the embedded default: a real PostgreSQL, a real Elasticsearch and
 * the Camunda engine, in a throw-away data folder, with the demo units and users but no demo
 * items, LDAP login against an in-process LDAP server ({@link TestLdap}), mail to an in-process SMTP
 * server ({@link TestMail}) and the WeCom and DingTalk applications against a local server that
 * answers as theirs do ({@link TestPlatforms}). Every test class uses the same properties so one
 * context (one set of servers) serves all.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "jianbao.embedded.ephemeral=true",
        "jianbao.demo-data=true",
        "jianbao.admin-password=demo",
        "jianbao.demo-submissions=false",
        "jianbao.archive.poll-interval=200ms",
        "jianbao.archive.max-backoff=2s",
        "jianbao.notifications.poll-interval=200ms",
        "jianbao.notifications.max-backoff=1s",
        "jianbao.notifications.webhook-hosts=127.0.0.1",
        "logging.level.org.camunda.bpm.engine.context=off",
        "logging.level.org.camunda.bpm.engine.rest.exception=off"})
@Import({Users.class, Journeys.class, TestClock.class})
@ContextConfiguration(initializers = {TestLdap.class, TestMail.class, TestPlatforms.class})
public @interface JianbaoIntegrationTest {
}
