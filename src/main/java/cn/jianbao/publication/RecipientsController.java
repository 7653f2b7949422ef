package cn.jianbao.publication;

import cn.jianbao.access.ReadPolicy;
import cn.jianbao.directory.Directory;
import cn.jianbao.directory.Person;
import cn.jianbao.directory.Role;
import cn.jianbao.directory.UnitDetails;
import cn.jianbao.web.ForbiddenException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who an issue can go to and whom the office may filter by: active units (as a tree) and people,
 * names only (no phone or e-mail). For the office and auditors; the directory itself stays the
 * administrators'.
 */
@io.swagger.v3.oas.annotations.tags.Tag(name = "简报编发")
@RestController
class RecipientsController {

    private final Directory directory;

    RecipientsController(Directory directory) {
        this.directory = directory;
    }

    @GetMapping("/api/recipients")
    Map<String, Object> recipients(@AuthenticationPrincipal Person me) {
        if (!ReadPolicy.seesEverything(me)) {
            throw new ForbiddenException("只有协调办公室可以查看全部单位和人员。");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("units", directory.units().stream().filter(UnitDetails::active).map(u -> Map.of("code", u.code(),
                "name", u.name(), "kind", u.kind().code(), "kindLabel", u.kind().label(),
                "parentCode", u.parentCode() == null ? "" : u.parentCode())).toList());
        m.put("people", directory.people(null, null, true, 100_000).stream().map(p -> Map.of("userId", p.userId(),
                "name", p.name(), "unitCode", p.unit().code(), "unitName", p.unit().name(),
                "roles", p.sortedRoles().stream().map(Role::label).toList())).toList());
        return m;
    }
}
