package cn.jianbao;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class JianbaoApplication {

    public static void main(String[] args) {
        SpringApplication.run(JianbaoApplication.class, args);
    }
}
