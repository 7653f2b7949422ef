package cn.jianbao.commission;

import cn.jianbao.directory.Person;
import java.net.URI;
import java.util.List;

import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseBody;

/** Commissions and topic plans over HTTP, and their pages. */
@io.swagger.v3.oas.annotations.tags.Tag(name = "约稿")
@Controller
class CommissionController {

    private final Commissions commissions;
    private final TopicPlans plans;

    CommissionController(Commissions commissions, TopicPlans plans) {
        this.commissions = commissions;
        this.plans = plans;
    }

    @GetMapping({"/commissions", "/commissions/{id}", "/plans/{id}"})
    String page() {
        return "forward:/commissions.html";
    }

    @PostMapping("/api/commissions")
    @ResponseBody
    ResponseEntity<Commissions.View> create(@AuthenticationPrincipal Person me, @RequestBody Commissions.Draft draft) {
        UUID id = commissions.create(me, draft);
        return ResponseEntity.created(URI.create("/api/commissions/" + id)).body(commissions.view(me, id));
    }

    @GetMapping("/api/commissions")
    @ResponseBody
    List<Commissions.View> list(@AuthenticationPrincipal Person me) {
        return commissions.list(me);
    }

    @GetMapping("/api/commissions/{id}")
    @ResponseBody
    Commissions.View get(@AuthenticationPrincipal Person me, @PathVariable UUID id) {
        return commissions.read(me, id);
    }

    @PostMapping("/api/commissions/{id}/decline")
    @ResponseBody
    Commissions.View decline(@AuthenticationPrincipal Person me, @PathVariable UUID id,
                             @RequestBody(required = false) Commissions.Decline body) {
        commissions.decline(me, id, body == null ? null : body.reason());
        return commissions.view(me, id);
    }

    @PostMapping("/api/plans")
    @ResponseBody
    ResponseEntity<TopicPlans.Plan> createPlan(@AuthenticationPrincipal Person me, @RequestBody TopicPlans.PlanDraft draft) {
        UUID id = plans.create(me, draft);
        return ResponseEntity.created(URI.create("/api/plans/" + id)).body(plans.get(me, id));
    }

    @GetMapping("/api/plans")
    @ResponseBody
    List<TopicPlans.Plan> plans(@AuthenticationPrincipal Person me) {
        return plans.list(me);
    }

    @GetMapping("/api/plans/{id}")
    @ResponseBody
    TopicPlans.Plan plan(@AuthenticationPrincipal Person me, @PathVariable UUID id) {
        return plans.get(me, id);
    }

    @PostMapping("/api/plans/{id}/publish")
    @ResponseBody
    TopicPlans.Plan publish(@AuthenticationPrincipal Person me, @PathVariable UUID id) {
        plans.publish(me, id);
        return plans.get(me, id);
    }

}
