package cn.jianbao.directory;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Who is signed in (for our pages' header), and their own password. */
@io.swagger.v3.oas.annotations.tags.Tag(name = "通讯录")
@RestController
class MeController {

    private final Directory directory;
    private final DirectoryAdmin admin;

    MeController(Directory directory, DirectoryAdmin admin) {
        this.directory = directory;
        this.admin = admin;
    }

    @GetMapping("/api/me")
    Map<String, Object> me(@AuthenticationPrincipal Person me) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("userId", me.userId());
        m.put("displayName", me.displayName());
        // role/roleLabel: the first role and all labels, for clients written when a person had one role
        m.put("role", me.sortedRoles().isEmpty() ? null : me.sortedRoles().get(0).code());
        m.put("roleLabel", String.join("、", me.sortedRoles().stream().map(Role::label).toList()));
        m.put("roles", me.sortedRoles().stream().map(Role::code).toList());
        m.put("roleLabels", me.sortedRoles().stream().map(Role::label).toList());
        m.put("unit", Map.of("code", me.unitCode(), "name", me.unit().name(), "kind", me.unit().kind().code()));
        m.put("mustChangePassword", directory.details(me.userId()).map(PersonDetails::mustChangePassword).orElse(false));
        return m;
    }

    record PasswordChange(String oldPassword, String newPassword) {
    }

    @PutMapping("/api/me/password")
    ResponseEntity<Void> changePassword(@AuthenticationPrincipal Person me, @RequestBody PasswordChange change) {
        admin.changeOwnPassword(me, change.oldPassword(), change.newPassword());
        return ResponseEntity.noContent().build();
    }
}
