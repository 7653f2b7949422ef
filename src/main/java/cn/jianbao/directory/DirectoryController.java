package cn.jianbao.directory;

import cn.jianbao.web.Paging;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;

/** The directory over HTTP, for administrators: units, people, passwords, the spreadsheet import. */
@io.swagger.v3.oas.annotations.tags.Tag(name = "通讯录")
@Controller
class DirectoryController {

    private final Directory directory;
    private final DirectoryAdmin admin;
    private final DirectoryImport importer;
    private final LoginLocks locks;

    DirectoryController(Directory directory, DirectoryAdmin admin, DirectoryImport importer, LoginLocks locks) {
        this.directory = directory;
        this.admin = admin;
        this.importer = importer;
        this.locks = locks;
    }

    // --- units ---

    @GetMapping("/api/units")
    @ResponseBody
    List<Map<String, Object>> units(@AuthenticationPrincipal Person me) {
        DirectoryAdmin.requireAdmin(me);
        Map<String, Map<Role, Integer>> staffing = directory.staffing();
        return directory.units().stream().map(u -> unitView(u, staffing.getOrDefault(u.code(), Map.of()))).toList();
    }

    @PostMapping("/api/units")
    @ResponseBody
    ResponseEntity<Map<String, Object>> createUnit(@AuthenticationPrincipal Person me,
                                                   @RequestBody DirectoryAdmin.UnitDraft draft) {
        UnitDetails unit = admin.createUnit(me, draft);
        return ResponseEntity.created(URI.create("/api/units/" + unit.code())).body(unitView(unit, Map.of()));
    }

    @PatchMapping("/api/units/{code}")
    @ResponseBody
    Map<String, Object> updateUnit(@AuthenticationPrincipal Person me, @PathVariable String code,
                                   @RequestBody DirectoryAdmin.UnitDraft draft) {
        UnitDetails unit = admin.updateUnit(me, code, draft);
        return unitView(unit, directory.staffing().getOrDefault(code, Map.of()));
    }

    // --- people ---

    @GetMapping("/api/people")
    @ResponseBody
    List<Map<String, Object>> people(@AuthenticationPrincipal Person me, @RequestParam(required = false) String unit,
                                     @RequestParam(required = false) String q,
                                     @RequestParam(required = false) Boolean active,
                                     @RequestParam(required = false) Integer size) {
        DirectoryAdmin.requireAdmin(me);
        Paging paging = Paging.of(0, size == null ? 100 : size, 100);
        Map<String, java.time.Instant> locked = locks.locked();
        return directory.people(unit == null || unit.isBlank() ? null : unit.strip(), q, active, paging.size()).stream()
                .map(p -> {
                    Map<String, Object> view = personView(p);
                    if (locked.containsKey(p.userId())) {
                        view.put("lockedUntil", locked.get(p.userId()));
                    }
                    return view;
                }).toList();
    }

    @PostMapping("/api/people")
    @ResponseBody
    ResponseEntity<Map<String, Object>> createPerson(@AuthenticationPrincipal Person me,
                                                     @RequestBody DirectoryAdmin.PersonDraft draft) {
        DirectoryAdmin.Saved saved = admin.createPerson(me, draft);
        Map<String, Object> body = personView(saved.person());
        if (saved.initialPassword() != null) {
            body.put("initialPassword", saved.initialPassword());
        }
        return ResponseEntity.created(URI.create("/api/people/" + saved.person().userId())).body(body);
    }

    @PatchMapping("/api/people/{userId}")
    @ResponseBody
    Map<String, Object> updatePerson(@AuthenticationPrincipal Person me, @PathVariable String userId,
                                     @RequestBody DirectoryAdmin.PersonDraft draft) {
        return personView(admin.updatePerson(me, userId, draft));
    }

    record PasswordReset(String password) {
    }

    /** Sets the given password, or makes one (returned once); either must be changed at the next login. */
    @PostMapping("/api/people/{userId}/password-reset")
    @ResponseBody
    Map<String, Object> resetPassword(@AuthenticationPrincipal Person me, @PathVariable String userId,
                                      @RequestBody(required = false) PasswordReset reset) {
        String made = admin.resetPassword(me, userId, reset == null ? null : reset.password());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", userId);
        body.put("mustChangePassword", true);
        if (made != null) {
            body.put("initialPassword", made);
        }
        return body;
    }

    /** Lifts a login lock (failed passwords) before it ends by itself. */
    @PostMapping("/api/people/{userId}/unlock")
    @ResponseBody
    Map<String, Object> unlock(@AuthenticationPrincipal Person me, @PathVariable String userId) {
        admin.unlock(me, userId);
        return Map.of("userId", userId, "locked", false);
    }

    /** Signs the person out of every browser at once. */
    @PostMapping("/api/people/{userId}/sessions/end")
    @ResponseBody
    Map<String, Object> endSessions(@AuthenticationPrincipal Person me, @PathVariable String userId) {
        return Map.of("userId", userId, "sessionsEnded", admin.endSessions(me, userId));
    }

    // --- import, template, log ---

    @PostMapping(path = "/api/directory/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseBody
    DirectoryImport.Result importFile(@AuthenticationPrincipal Person me,
                                      @RequestParam(defaultValue = "true") boolean dryRun,
                                      @RequestPart(name = "file", required = false) MultipartFile file) throws Exception {
        DirectoryAdmin.requireAdmin(me);
        return importer.run(me, file == null ? null : file.getOriginalFilename(),
                file == null ? null : file.getBytes(), dryRun);
    }

    /** The spreadsheet an office fills in; with {@code data=true}, today's directory to edit and import again. */
    @GetMapping("/api/directory/template.xlsx")
    ResponseEntity<byte[]> template(@AuthenticationPrincipal Person me,
                                    @RequestParam(defaultValue = "false") boolean data) throws Exception {
        DirectoryAdmin.requireAdmin(me);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(data ? "单位和人员.xlsx" : "单位和人员导入模板.xlsx", java.nio.charset.StandardCharsets.UTF_8)
                        .build().toString())
                .contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .body(importer.template(data));
    }

    @GetMapping("/api/directory/log")
    @ResponseBody
    List<Map<String, Object>> log(@AuthenticationPrincipal Person me, @RequestParam(required = false) String kind,
                                  @RequestParam(required = false) String target) {
        if (!me.is(Role.ADMIN) && !me.is(Role.AUDITOR)) {
            DirectoryAdmin.requireAdmin(me);
        }
        return admin.log(kind, target, 200);
    }

    @GetMapping({"/admin/directory", "/admin"})
    String page(@AuthenticationPrincipal Person me, jakarta.servlet.http.HttpServletResponse response)
            throws java.io.IOException {
        if (!me.is(Role.ADMIN)) {
            response.sendError(403);
            return null;
        }
        return "forward:/directory.html";
    }

    @GetMapping("/password")
    String passwordPage() {
        return "forward:/password.html";
    }

    // --- views ---

    static Map<String, Object> unitView(UnitDetails u, Map<Role, Integer> staffing) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", u.code());
        m.put("name", u.name());
        m.put("shortName", u.shortName());
        m.put("kind", u.kind().code());
        m.put("kindLabel", u.kind().label());
        m.put("parentCode", u.parentCode());
        m.put("active", u.active());
        m.put("order", u.order());
        int liaisons = staffing.getOrDefault(Role.LIAISON, 0);
        int leaders = staffing.getOrDefault(Role.LEADER, 0);
        m.put("liaisons", liaisons);
        m.put("leaders", leaders);
        List<String> warnings = new ArrayList<>();
        if (u.active() && u.kind() != UnitKind.OFFICE) {
            if (leaders == 0) {
                warnings.add("没有主管领导：本单位报送的信息无人审批。");
            }
            if (liaisons == 0) {
                warnings.add("没有信息联络员。");
            } else if (liaisons > 2) {
                warnings.add("信息联络员有" + liaisons + "名，每个单位宜为1–2名。");
            }
        }
        m.put("warnings", warnings);
        return m;
    }

    static Map<String, Object> personView(PersonDetails p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("userId", p.userId());
        m.put("name", p.name());
        m.put("unit", Map.of("code", p.unit().code(), "name", p.unit().name()));
        m.put("roles", p.sortedRoles().stream().map(Role::code).toList());
        m.put("roleLabels", p.sortedRoles().stream().map(Role::label).toList());
        m.put("phone", p.phone());
        m.put("email", p.email());
        m.put("wecomUserId", p.wecomUserId());
        m.put("dingtalkUserId", p.dingtalkUserId());
        m.put("active", p.active());
        m.put("mustChangePassword", p.mustChangePassword());
        return m;
    }
}
