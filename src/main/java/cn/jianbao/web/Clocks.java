package cn.jianbao.web;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application's clock, one bean that code asking "what time is it" takes, so tests can move it
 * (a lock that must end by itself after fifteen minutes is tested by moving the clock, not by waiting).
 */
@Configuration(proxyBeanMethods = false)
class Clocks {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
