package cn.jianbao.publication;

import cn.jianbao.directory.Person;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The office's saved 报/送/发 lists ({@link DistributionLists}). */
@io.swagger.v3.oas.annotations.tags.Tag(name = "简报编发")
@RestController
class DistributionListsController {

    private final DistributionLists lists;

    DistributionListsController(DistributionLists lists) {
        this.lists = lists;
    }

    @GetMapping("/api/distribution-lists")
    List<Map<String, Object>> list(@AuthenticationPrincipal Person me) {
        return lists.list(me);
    }

    /** Saves a list under its name; the same name again replaces it. */
    @PostMapping("/api/distribution-lists")
    ResponseEntity<Map<String, Object>> save(@AuthenticationPrincipal Person me,
                                             @RequestBody DistributionLists.Draft draft) {
        DistributionLists.Saved saved = lists.save(me, draft);
        return ResponseEntity.created(URI.create("/api/distribution-lists/" + saved.id()))
                .body(Map.of("id", saved.id(), "name", saved.name(), "distribution", saved.distribution()));
    }

    @DeleteMapping("/api/distribution-lists/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Person me, @PathVariable UUID id) {
        lists.delete(me, id);
        return ResponseEntity.noContent().build();
    }
}
