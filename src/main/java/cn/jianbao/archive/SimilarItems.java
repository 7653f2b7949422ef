package cn.jianbao.archive;

import cn.jianbao.access.ReadPolicy;
import cn.jianbao.directory.Person;
import cn.jianbao.intake.Submission;
import cn.jianbao.intake.SubmissionService;
import cn.jianbao.web.ApiException;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Near duplicates: the earlier items (any stage the caller may read) most like this one.
 * Elasticsearch's more_like_this finds candidates by their words; they are then ranked by how
 * many two-word runs they share with this item (Jaccard), so a copy with small edits comes first
 * and its score says how close it is.
 */
@io.swagger.v3.oas.annotations.tags.Tag(name = "检索")
@Controller
class SimilarItems {

    private static final int CANDIDATES = 30;

    private final ElasticsearchClient es;
    private final ArchiveIndex index;
    private final SubmissionService submissions;
    private final ChineseWords words;

    SimilarItems(ElasticsearchClient es, ArchiveIndex index, SubmissionService submissions, ChineseWords words) {
        this.es = es;
        this.index = index;
        this.submissions = submissions;
        this.words = words;
    }

    record Similar(UUID id, String title, Map<String, String> unit, String stage, String stageLabel,
                   String submittedAt, BigDecimal similarity) {
    }

    @GetMapping("/api/submissions/{id}/similar")
    @ResponseBody
    List<Similar> similar(@AuthenticationPrincipal Person me, @PathVariable UUID id) {
        Submission item = submissions.readable(me, id);
        String text = item.title() + "\n" + item.body();
        Set<String> mine = shingles(words.words(text));
        List<Query> filter = List.of(
                Query.of(f -> f.terms(t -> t.field("readers")
                        .terms(v -> v.value(ReadPolicy.tokens(me).stream().map(FieldValue::of).toList())))),
                Query.of(f -> f.range(r -> r.date(d -> d.field("submittedAt").lt(item.submittedAt().toInstant().toString())))));
        SearchResponse<Map> response;
        try {
            index.ensureIndex();
            response = es.search(s -> s.index(index.alias()).size(CANDIDATES)
                    .query(q -> q.bool(b -> b.must(m -> m.moreLikeThis(mlt -> mlt.fields("titleWords", "textWords")
                                    .like(l -> l.text(words.analysed(text))).minTermFreq(1).minDocFreq(1)
                                    .maxQueryTerms(60).minimumShouldMatch("30%")))
                            .filter(filter).mustNot(n -> n.ids(i -> i.values(id.toString())))))
                    .source(src -> src.filter(f -> f.includes("submissionId", "title", "unitCode", "unitName", "stage",
                            "stageLabel", "submittedAt", "titleWords", "textWords"))), Map.class);
        } catch (Exception e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, null, "相似信息查找暂时不可用，请稍后重试。", e);
        }
        List<Similar> out = new ArrayList<>();
        for (Hit<Map> hit : response.hits().hits()) {
            Map<?, ?> src = hit.source();
            Set<String> theirs = shingles(List.of((src.get("titleWords") + " " + src.get("textWords")).split(" ")));
            Set<String> both = new HashSet<>(mine);
            both.retainAll(theirs);
            Set<String> either = new HashSet<>(mine);
            either.addAll(theirs);
            double jaccard = either.isEmpty() ? 0 : (double) both.size() / either.size();
            Map<String, String> unit = new LinkedHashMap<>();
            unit.put("code", String.valueOf(src.get("unitCode")));
            unit.put("name", String.valueOf(src.get("unitName")));
            out.add(new Similar(UUID.fromString(String.valueOf(src.get("submissionId"))), String.valueOf(src.get("title")),
                    unit, (String) src.get("stage"), (String) src.get("stageLabel"), (String) src.get("submittedAt"),
                    BigDecimal.valueOf(jaccard).setScale(3, RoundingMode.HALF_UP)));
        }
        out.sort(Comparator.comparing(Similar::similarity).reversed());
        return out.stream().filter(s -> s.similarity().signum() > 0).limit(10).toList();
    }

    /** Two-word runs: what a copy with small edits keeps. */
    private static Set<String> shingles(List<String> w) {
        Set<String> out = new HashSet<>();
        for (int i = 0; i + 1 < w.size(); i++) {
            out.add(w.get(i) + " " + w.get(i + 1));
        }
        return out;
    }
}
