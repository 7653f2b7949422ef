package cn.jianbao.directory;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * A production start without demo data still needs someone to log in: with
 * JIANBAO_ADMIN_PASSWORD set, the office unit, its groups and the user {@code admin} exist,
 * made through the directory like everyone else. The password is only set when the user is created.
 */
@Component
@Order(5)
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final DirectoryAdmin directory;
    private final StartupLock startup;
    private final String password;
    private final String officeCode;
    private final String officeName;

    AdminBootstrap(DirectoryAdmin directory, StartupLock startup, @Value("${jianbao.admin-password:}") String password,
                   @Value("${jianbao.office.code:office}") String officeCode,
                   @Value("${jianbao.office.name:扫黑办}") String officeName) {
        this.directory = directory;
        this.startup = startup;
        this.password = password;
        this.officeCode = officeCode;
        this.officeName = officeName;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!StringUtils.hasText(password)) {
            return;
        }
        PasswordPolicy.violation("admin", password).ifPresent(v ->
                log.warn("JIANBAO_ADMIN_PASSWORD does not meet the password policy ({}); change it after the first login", v));
        startup.run(() -> {
            directory.ensureUnit(new DirectoryAdmin.UnitDraft(officeCode, officeName, "office", null, true, 0));
            directory.ensurePerson(new DirectoryAdmin.PersonDraft("admin", "系统管理员", officeCode, List.of("admin"), null,
                    null, password, true));
        });
    }
}
