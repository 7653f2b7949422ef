package cn.jianbao.archive;

import cn.jianbao.directory.Directory;
import cn.jianbao.directory.Person;
import cn.jianbao.intake.SubmissionService;
import cn.jianbao.web.ApiException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** The archive: search for everyone signed in, status and rebuild for administrators. */
@io.swagger.v3.oas.annotations.tags.Tag(name = "检索")
@Controller
class ArchiveController {

    private final ArchiveSearch search;
    private final ArchiveOutbox outbox;
    private final ArchiveIndexer indexer;

    private final Directory directory;
    private final SubmissionService submissions;

    ArchiveController(ArchiveSearch search, ArchiveOutbox outbox, ArchiveIndexer indexer,
                      Directory directory, SubmissionService submissions) {
        this.directory = directory;
        this.submissions = submissions;
        this.search = search;
        this.outbox = outbox;
        this.indexer = indexer;
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "全文检索往期简报和信息（按主题词、报送编号、单位、时间）")
    @GetMapping("/api/search")
    @ResponseBody
    ArchiveSearch.Result search(@AuthenticationPrincipal Person me, ArchiveSearch.Criteria criteria) {
        ArchiveSearch.Result result = search.search(me, criteria);
        // a 报送编号 typed into the search box goes straight to its item (at any stage, if readable)
        return criteria.q() == null || (criteria.page() != null && criteria.page() > 0) ? result
                : submissions.findByNumber(me, criteria.q()).map(s -> result.withByNumber(Map.of("id", s.id(),
                        "number", s.number(), "title", s.title(), "unitName", s.unit().name(),
                        "statusLabel", s.status().label()))).orElse(result);
    }

    /**
     * Every unit for the search's unit filter, in the directory's order, also those with nothing the
     * caller may read yet and those no longer active (their items stay in the archive).
     */
    @GetMapping("/api/archive/units")
    @ResponseBody
    List<Map<String, Object>> units() {
        return directory.units().stream().map(u -> Map.<String, Object>of("code", u.code(), "name", u.name(),
                "active", u.active())).toList();
    }

    /** Items not yet searchable (e.g. while Elasticsearch is down), and a rebuild's progress. */
    @io.swagger.v3.oas.annotations.Operation(summary = "检索库状态（管理员）")
    @GetMapping("/api/archive/status")
    @ResponseBody
    Map<String, Object> status(@AuthenticationPrincipal Person me) {
        if (!me.isOffice()) {
            // the backlog and the last indexing error are the office's business, not the units'
            throw new ApiException(HttpStatus.FORBIDDEN, null, "只有办公室可以查看检索索引状态。");
        }
        ArchiveOutbox.Status s = outbox.status();
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("pending", s.pending());
        out.put("failing", s.failing());
        out.put("lastError", s.lastError());
        // a rebuild's progress (done of total), or the last one's result
        out.put("rebuild", indexer.progress());
        return out;
    }

    /** Rebuilds the search index from the database (README: "Rebuild the archive index"). */
    @io.swagger.v3.oas.annotations.Operation(summary = "重建检索库（管理员）")
    @PostMapping("/api/archive/rebuild")
    @ResponseBody
    Map<String, Object> rebuild(@AuthenticationPrincipal Person me) throws Exception {
        long t0 = System.nanoTime();
        int count;
        try {
            count = indexer.rebuild(me);
        } catch (cn.jianbao.access.WritePolicy.Refused e) {
            throw e; // 403 with its reason, not an outage
        } catch (ArchiveIndexer.RebuildRunning e) {
            throw new ApiException(HttpStatus.CONFLICT, null, "检索索引正在重建，请等它完成（进度见 /api/archive/status）。");
        } catch (java.io.IOException | RuntimeException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, null, "重建检索索引失败（检索服务不可用？），原索引照常使用，请稍后重试。", e);
        }
        return Map.of("indexed", count, "tookMs", (System.nanoTime() - t0) / 1_000_000);
    }

    @GetMapping("/archive")
    String page() {
        return "forward:/archive.html";
    }
}
