package cn.jianbao.audit;

import cn.jianbao.directory.Person;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Read-only: auditors read every trail, others the trails of the items they may read. */
@io.swagger.v3.oas.annotations.tags.Tag(name = "审计")
@RestController
class TrailController {

    private final TrailService trails;

    TrailController(TrailService trails) {
        this.trails = trails;
    }

    @GetMapping("/api/submissions/{id}/trail")
    List<TrailEntry> trail(@AuthenticationPrincipal Person me, @PathVariable UUID id) {
        return trails.trail(me, id);
    }

    /** The model with the path taken on it, for the item page's diagram (same readers as the trail). */
    @GetMapping("/api/submissions/{id}/path")
    TrailService.Path path(@AuthenticationPrincipal Person me, @PathVariable UUID id) {
        return trails.path(me, id);
    }
}
