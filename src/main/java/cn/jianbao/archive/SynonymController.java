package cn.jianbao.archive;

import cn.jianbao.directory.Person;
import cn.jianbao.directory.Role;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseBody;

/** The office's synonyms and abbreviations for search: the page and its API. */
@io.swagger.v3.oas.annotations.tags.Tag(name = "检索")
@Controller
class SynonymController {

    private final Synonyms synonyms;

    SynonymController(Synonyms synonyms) {
        this.synonyms = synonyms;
    }

    @GetMapping("/admin/synonyms")
    String page(@AuthenticationPrincipal Person me, jakarta.servlet.http.HttpServletResponse response)
            throws java.io.IOException {
        if (!mayRead(me)) {
            response.sendError(403);
            return null;
        }
        return "forward:/synonyms.html";
    }

    /** The entries and who changed them: the office, and the auditor who reads it. */
    @GetMapping("/api/synonyms")
    @ResponseBody
    Map<String, Object> list(@AuthenticationPrincipal Person me) {
        if (!mayRead(me)) {
            throw new cn.jianbao.web.ForbiddenException("同义词和简称由协调办公室维护。");
        }
        return Map.of("entries", synonyms.entries(), "log", synonyms.log(100),
                "mayChange", cn.jianbao.access.WritePolicy.allows(me, cn.jianbao.access.WritePolicy.Action.MAINTAIN_SYNONYMS));
    }

    @PostMapping("/api/synonyms")
    @ResponseBody
    ResponseEntity<Synonyms.Entry> create(@AuthenticationPrincipal Person me, @RequestBody Synonyms.Draft draft) {
        Synonyms.Entry e = synonyms.create(me, draft);
        return ResponseEntity.created(URI.create("/api/synonyms/" + e.id())).body(e);
    }

    @PutMapping("/api/synonyms/{id}")
    @ResponseBody
    Synonyms.Entry update(@AuthenticationPrincipal Person me, @PathVariable UUID id, @RequestBody Synonyms.Draft draft) {
        return synonyms.update(me, id, draft);
    }

    @DeleteMapping("/api/synonyms/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Person me, @PathVariable UUID id) {
        synonyms.delete(me, id);
        return ResponseEntity.noContent().build();
    }

    private static boolean mayRead(Person me) {
        return me.isOffice() || me.is(Role.AUDITOR);
    }

}
