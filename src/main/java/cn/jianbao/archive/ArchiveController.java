package cn.jianbao.archive;

import cn.jianbao.directory.Person;
import cn.jianbao.directory.Role;
import cn.jianbao.web.ApiException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** The archive: search for everyone signed in, status and rebuild for administrators. */
@Controller
class ArchiveController {

    private final ArchiveSearch search;
    private final ArchiveOutbox outbox;
    private final ArchiveIndexer indexer;

    ArchiveController(ArchiveSearch search, ArchiveOutbox outbox, ArchiveIndexer indexer) {
        this.search = search;
        this.outbox = outbox;
        this.indexer = indexer;
    }

    @GetMapping("/api/search")
    @ResponseBody
    ArchiveSearch.Result search(@AuthenticationPrincipal Person me, ArchiveSearch.Criteria criteria) {
        return search.search(me, criteria);
    }

    /** Items published but not yet searchable (e.g. while Elasticsearch is down). */
    @GetMapping("/api/archive/status")
    @ResponseBody
    ArchiveOutbox.Status status() {
        return outbox.status();
    }

    /** Rebuilds the search index from the database (README: "Rebuild the archive index"). */
    @PostMapping("/api/archive/rebuild")
    @ResponseBody
    Map<String, Object> rebuild(@AuthenticationPrincipal Person me) throws Exception {
        if (!me.is(Role.ADMIN)) {
            throw new ApiException(HttpStatus.FORBIDDEN, null, "只有系统管理员可以重建检索索引。");
        }
        long t0 = System.nanoTime();
        int count = indexer.rebuild();
        return Map.of("indexed", count, "tookMs", (System.nanoTime() - t0) / 1_000_000);
    }

    @GetMapping("/archive")
    String page() {
        return "forward:/archive.html";
    }
}
