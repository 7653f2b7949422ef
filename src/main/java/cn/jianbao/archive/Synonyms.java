package cn.jianbao.archive;

import cn.jianbao.directory.Directory;
import cn.jianbao.directory.Person;
import cn.jianbao.web.BadRequestException;
import cn.jianbao.web.ConflictException;
import cn.jianbao.web.Inputs;
import cn.jianbao.web.NotFoundException;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The office's synonyms and abbreviations, applied to what people type in the archive: an
 * equivalence (扫黑 = 扫黑除恶) finds each of its terms for any of them; an abbreviation (放管服 →
 * 简政放权、放管结合、优化服务) also finds what it stands for when the abbreviation is typed, not the other
 * way round (the full words do not mean the abbreviation). Every change is logged with who and when.
 */
@Service
public class Synonyms {

    /** One entry: an equivalence of its terms, or an abbreviation (the first term) and what it stands for. */
    public record Entry(UUID id, String kind, String kindLabel, List<String> terms, String note, String updatedBy,
                        String updatedByName, OffsetDateTime updatedAt) {
    }

    public record Draft(String kind, List<String> terms, String note) {
    }

    public record Change(OffsetDateTime at, String actor, String actorName, String action, String actionLabel,
                         String kindLabel, List<String> terms, List<String> before) {
    }

    /** Every node reads the table again at most this long after another changed it. */
    private static final Duration FRESH = Duration.ofSeconds(30);
    private static final int MAX_TERMS = 12;

    private final JdbcClient jdbc;
    private final Directory directory;
    private final Clock clock;
    /** The table as last read, with its terms in scanning order (sorted once per read, not per search). */
    private record Table(Map<String, List<String>> alternatives, List<String> known, Instant readAt) {
    }

    private volatile Table table;

    Synonyms(JdbcClient jdbc, Directory directory, Clock clock) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.clock = clock;
    }

    /** What else a typed term finds (in lower case for Latin letters); empty for a term without entry. */
    public List<String> alternatives(String term) {
        return table().alternatives().getOrDefault(norm(term), List.of());
    }

    /** The terms that have alternatives, longest first: what a query is scanned for. */
    List<String> known() {
        return table().known();
    }

    private Table table() {
        Instant now = clock.instant();
        Table t = table;
        if (t == null || now.isAfter(t.readAt().plus(FRESH))) {
            Map<String, List<String>> alternatives = read();
            t = new Table(alternatives, alternatives.keySet().stream().sorted(Comparator.comparingInt(String::length)
                    .reversed().thenComparing(Comparator.naturalOrder())).toList(), now);
            table = t;
        }
        return t;
    }

    private Map<String, List<String>> read() {
        Map<String, LinkedHashSet<String>> out = new HashMap<>();
        for (Entry e : entries()) {
            List<String> terms = e.terms().stream().map(Synonyms::norm).toList();
            if (e.kind().equals("abbreviation")) {
                out.computeIfAbsent(terms.get(0), k -> new LinkedHashSet<>()).addAll(terms.subList(1, terms.size()));
            } else {
                for (String term : terms) {
                    var set = out.computeIfAbsent(term, k -> new LinkedHashSet<>());
                    terms.stream().filter(o -> !o.equals(term)).forEach(set::add);
                }
            }
        }
        Map<String, List<String>> frozen = new HashMap<>();
        out.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return Map.copyOf(frozen);
    }

    public List<Entry> entries() {
        return jdbc.sql("select * from search_synonym order by kind desc, terms[1]").query((rs, i) -> {
            String by = rs.getString("updated_by");
            String kind = rs.getString("kind");
            return new Entry(rs.getObject("id", UUID.class), kind, label(kind), strings(rs.getArray("terms")),
                    rs.getString("note"), by, "system".equals(by) ? "系统（初始词表）" : directory.displayName(by),
                    rs.getObject("updated_at", OffsetDateTime.class));
        }).list();
    }

    public List<Change> log(int limit) {
        return jdbc.sql("select * from search_synonym_log order by at desc, id desc limit ?").param(limit).query((rs, i) -> {
            String actor = rs.getString("actor");
            String action = rs.getString("action");
            return new Change(rs.getObject("at", OffsetDateTime.class), actor, directory.displayName(actor), action,
                    switch (action) {
                        case "create" -> "新增";
                        case "update" -> "修改";
                        default -> "删除";
                    }, label(rs.getString("kind")), strings(rs.getArray("terms")),
                    rs.getArray("before") == null ? null : strings(rs.getArray("before")));
        }).list();
    }

    @Transactional
    public Entry create(Person me, Draft draft) {
        requireOffice(me);
        Draft d = checked(draft, null);
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
        jdbc.sql("insert into search_synonym (id, kind, terms, note, updated_by, updated_at) values (?, ?, ?, ?, ?, ?)")
                .params(id, d.kind(), d.terms().toArray(String[]::new), d.note(), me.userId(), now).update();
        log(me, "create", d.kind(), d.terms(), null, now);
        changed();
        return find(id);
    }

    @Transactional
    public Entry update(Person me, UUID id, Draft draft) {
        requireOffice(me);
        Entry before = find(id);
        Draft d = checked(draft, id);
        OffsetDateTime now = OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
        jdbc.sql("update search_synonym set kind = ?, terms = ?, note = ?, updated_by = ?, updated_at = ? where id = ?")
                .params(d.kind(), d.terms().toArray(String[]::new), d.note(), me.userId(), now, id).update();
        log(me, "update", d.kind(), d.terms(), before.terms(), now);
        changed();
        return find(id);
    }

    @Transactional
    public void delete(Person me, UUID id) {
        requireOffice(me);
        Entry before = find(id);
        jdbc.sql("delete from search_synonym where id = ?").param(id).update();
        log(me, "delete", before.kind(), before.terms(), null, OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)));
        changed();
    }

    private Entry find(UUID id) {
        return entries().stream().filter(e -> e.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("该同义词条目不存在。"));
    }

    private void log(Person me, String action, String kind, List<String> terms, List<String> before, OffsetDateTime at) {
        jdbc.sql("insert into search_synonym_log (at, actor, action, kind, terms, before) values (?, ?, ?, ?, ?, ?)")
                .params(at, me.userId(), action, kind, terms.toArray(String[]::new),
                        before == null ? null : before.toArray(String[]::new)).update();
    }

    /** This node reads the table again at once (the others within {@link #FRESH}). */
    private void changed() {
        table = null;
    }

    /** The words the office keeps: editors and signers, and the administrator; the others search with them. */
    static void requireOffice(Person me) {
        cn.jianbao.access.WritePolicy.require(me, cn.jianbao.access.WritePolicy.Action.MAINTAIN_SYNONYMS);
    }

    private Draft checked(Draft d, UUID id) {
        if (d == null || d.kind() == null || !Set.of("equivalent", "abbreviation").contains(d.kind())) {
            throw new BadRequestException("kind", "请选择类型：同义词（equivalent）或简称（abbreviation）。");
        }
        List<String> terms = new ArrayList<>();
        for (String t : d.terms() == null ? List.<String>of() : d.terms()) {
            String term = t == null ? "" : Inputs.text("terms", t).strip();
            if (term.isEmpty()) {
                continue;
            }
            if (term.length() > 50 || term.chars().anyMatch(Character::isWhitespace)) {
                throw new BadRequestException("terms", "“" + term + "”：每个词不超过50字，且不含空格。");
            }
            if (terms.stream().noneMatch(x -> norm(x).equals(norm(term)))) {
                terms.add(term);
            }
        }
        if (terms.size() < 2) {
            throw new BadRequestException("terms", d.kind().equals("abbreviation")
                    ? "请填写简称和它代表的至少一个全称。" : "请填写至少两个同义词。");
        }
        if (terms.size() > MAX_TERMS) {
            throw new BadRequestException("terms", "一个条目最多" + MAX_TERMS + "个词。");
        }
        // a term is in one equivalence at most, and one abbreviation is defined once: no contradicting entries
        for (Entry other : entries()) {
            if (other.id().equals(id)) {
                continue;
            }
            List<String> mine = d.kind().equals("abbreviation") ? List.of(terms.get(0)) : terms;
            List<String> theirs = other.kind().equals("abbreviation") ? List.of(other.terms().get(0)) : other.terms();
            for (String t : mine) {
                if (theirs.stream().anyMatch(x -> norm(x).equals(norm(t)))) {
                    throw new ConflictException("“" + t + "”已在条目“" + String.join("、", other.terms()) + "”中，请直接修改该条目。");
                }
            }
        }
        String note = d.note() == null || d.note().isBlank() ? null : Inputs.text("note", d.note()).strip();
        if (note != null && note.length() > 200) {
            throw new BadRequestException("note", "说明不超过200字。");
        }
        return new Draft(d.kind(), List.copyOf(terms), note);
    }

    static String label(String kind) {
        return "abbreviation".equals(kind) ? "简称" : "同义词";
    }

    static String norm(String term) {
        return term.strip().toLowerCase(Locale.ROOT);
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }
}
