package cn.jianbao.directory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * A production start without demo data still needs someone to log in: with
 * JIANBAO_ADMIN_PASSWORD set, the office unit, its groups and the user {@code admin} exist.
 * The password is only set when the user is created.
 */
@Component
@Order(5)
class AdminBootstrap implements ApplicationRunner {

    private final Directory directory;
    private final CamundaWorkspace workspace;
    private final String password;
    private final Unit office;

    AdminBootstrap(Directory directory, CamundaWorkspace workspace,
                   @Value("${jianbao.admin-password:}") String password,
                   @Value("${jianbao.office.code:office}") String officeCode,
                   @Value("${jianbao.office.name:扫黑办}") String officeName) {
        this.directory = directory;
        this.workspace = workspace;
        this.password = password;
        this.office = new Unit(officeCode, officeName, UnitKind.OFFICE);
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!StringUtils.hasText(password)) {
            return;
        }
        directory.saveUnit(office);
        workspace.provisionOfficeGroups();
        directory.savePerson("admin", "系统管理员", office.code(), Role.ADMIN);
        workspace.provisionUser("admin", "系统管理员", password, office, Role.ADMIN);
    }
}
