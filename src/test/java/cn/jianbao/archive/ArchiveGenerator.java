package cn.jianbao.archive;

import cn.jianbao.access.Classification;
import cn.jianbao.access.ReadPolicy;
import cn.jianbao.intake.SubmissionKind;
import cn.jianbao.intake.SubmissionStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Fills the archive with items made from ../shared/corpus/texts, as an office accumulates them over
 * three years: 60 units (the demo units and more towns and departments), every kind, every stage
 * (three in four published, in numbered issues of 20), every classification with its readers from
 * the read policy, one in twenty with an attachment. Each item is a run of paragraphs (300–1,500
 * characters) from one document, titled by its first sentence. Written straight into the tables
 * (the point is searching them); the index is then built by the application's own rebuild.
 */
final class ArchiveGenerator {

    static final Path CORPUS = Path.of("..", "shared", "corpus", "texts");
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    record Doc(String title, List<String> paragraphs) {
    }

    record Unit(String code, String name, String shortName) {
    }

    private final JdbcTemplate jdbc;
    private final Random random = new Random(20261202);
    final List<Doc> docs = new ArrayList<>();
    final List<Unit> units = new ArrayList<>();
    // 报送编号 per unit and year, continued from (and written back to) the application's counters
    private final java.util.Map<String, Integer> lastNumbers = new java.util.HashMap<>();

    ArchiveGenerator(JdbcTemplate jdbc) throws java.io.IOException {
        this.jdbc = jdbc;
        try (Stream<Path> files = Files.list(CORPUS)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("\\d+\\.txt")).sorted().toList()) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                List<String> paragraphs = lines.subList(1, lines.size()).stream().map(String::strip)
                        .filter(l -> l.length() >= 10).toList();
                if (!paragraphs.isEmpty()) {
                    docs.add(new Doc(lines.get(0).strip(), paragraphs));
                }
            }
        }
    }

    /** Adds {@code n} items; returns how many were published. */
    int fill(int n) {
        units.addAll(jdbc.query("select code, name, short_name from unit where kind in ('town', 'member') and active order by code",
                (rs, i) -> new Unit(rs.getString(1), rs.getString(2), rs.getString(3))));
        String prefix = "g" + Integer.toHexString(random.nextInt(0xffff));
        List<Object[]> newUnits = new ArrayList<>();
        for (int i = units.size(); i < 60; i++) {
            String name = (i % 2 == 0 ? "基准镇" : "基准局") + prefix + i;
            Unit u = new Unit(prefix + "-" + i, name, name);
            units.add(u);
            newUnits.add(new Object[] {u.code(), u.name(), i % 2 == 0 ? "town" : "member", u.shortName()});
        }
        jdbc.batchUpdate("insert into unit (code, name, kind, active, sort_order, short_name) values (?, ?, ?, true, 900, ?)",
                newUnits);

        SubmissionKind[] kinds = SubmissionKind.values();
        LocalDate first = LocalDate.of(2024, 1, 1);
        int days = (int) (LocalDate.of(2026, 11, 30).toEpochDay() - first.toEpochDay());
        // in date order, so an issue holds items of its weeks; the archive grows: later days busier
        int[] dayOf = new int[n];
        for (int i = 0; i < n; i++) {
            dayOf[i] = (int) (days * Math.sqrt(random.nextDouble()));
        }
        Arrays.sort(dayOf);
        int published = 0;
        UUID issue = null;
        int inIssue = 0;
        List<Object[]> items = new ArrayList<>();
        List<Object[]> issueItems = new ArrayList<>();
        List<Object[]> documents = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Doc doc = docs.get(random.nextInt(docs.size()));
            Unit unit = units.get(random.nextInt(units.size()));
            String body = body(doc);
            String title = title(body);
            int r = random.nextInt(100);
            SubmissionStatus status = r < 75 ? SubmissionStatus.PUBLISHED : r < 80 ? SubmissionStatus.OFFICE_REVIEW
                    : r < 84 ? SubmissionStatus.LEADER_APPROVAL : r < 88 ? SubmissionStatus.AWAITING_PUBLICATION
                    : r < 94 ? SubmissionStatus.NOT_ADOPTED : SubmissionStatus.REJECTED;
            int c = random.nextInt(10);
            Classification classification = c < 6 ? Classification.PUBLIC : c < 9 ? Classification.INTERNAL
                    : Classification.RESTRICTED;
            int day = dayOf[i];
            Instant submitted = first.plusDays(day).atTime(8 + random.nextInt(10), random.nextInt(60)).atZone(BEIJING).toInstant();
            UUID id = new UUID(random.nextLong(), random.nextLong());
            ReadPolicy.Publication publication = null;
            if (status == SubmissionStatus.PUBLISHED) {
                if (issue == null || inIssue == 20) {
                    issue = new UUID(random.nextLong(), random.nextLong());
                    int year = LocalDate.ofInstant(submitted, BEIJING).getYear();
                    // numbered by the same counter as sign-offs, so later real issues continue the series
                    Integer number = jdbc.queryForObject("""
                            insert into issue_number (series, year, last_number) values ('briefing', ?, 1)
                            on conflict (series, year) do update set last_number = issue_number.last_number + 1
                            returning last_number""", Integer.class, year);
                    jdbc.update("""
                            insert into issue (id, series, title, comprehensive, distribution, print_run, status, year, number,
                                created_by, created_at, signed_by, published_at)
                            values (?, 'briefing', '信息简报', true, '{}'::jsonb, 30, 'published', ?, ?,
                                'editor', ?, 'signer', ?)""",
                            issue, year, number, Timestamp.from(submitted), Timestamp.from(submitted.plusSeconds(86400 * 3)));
                    inIssue = 0;
                }
                issueItems.add(new Object[] {issue, id, ++inIssue, title});
                publication = new ReadPolicy.Publication(List.of(), List.of());
                published++;
            }
            List<String> readers = ReadPolicy.readers(new ReadPolicy.Item(unit.code(), classification, publication));
            int numberYear = LocalDate.ofInstant(submitted, BEIJING).getYear();
            int sequence = lastNumbers.merge(unit.code() + "|" + numberYear, 1, Integer::sum);
            if (sequence == 1) { // first of this run: after what the application has given
                sequence = 1 + jdbc.queryForObject("""
                        select coalesce(max(last_number), 0) from submission_number where unit_code = ? and year = ?""",
                        Integer.class, unit.code(), numberYear);
                lastNumbers.put(unit.code() + "|" + numberYear, sequence);
            }
            items.add(new Object[] {id, unit.code(), unit.code() + "-liaison", "信息员" + (i % 97), title,
                    kinds[random.nextInt(kinds.length)].code(), classification.code(), body, status.code(),
                    Timestamp.from(submitted), Timestamp.from(submitted),
                    unit.shortName() + "〔" + numberYear + "〕" + sequence + "号", numberYear, sequence,
                    readers.toArray(String[]::new)});
            if (random.nextInt(20) == 0) {
                String text = body(docs.get(random.nextInt(docs.size())));
                documents.add(new Object[] {UUID.randomUUID(), id, "附件" + i + ".docx", text.getBytes(StandardCharsets.UTF_8),
                        text, Timestamp.from(submitted)});
            }
            if (items.size() == 1000 || i == n - 1) {
                write(items, issueItems, documents);
            }
        }
        jdbc.execute("analyze");
        return published;
    }

    private void write(List<Object[]> items, List<Object[]> issueItems, List<Object[]> documents) {
        jdbc.batchUpdate("""
                insert into submission (id, unit_code, liaison_id, author, title, kind, classification, body, status,
                    submitted_at, updated_at, number, number_year, number_seq, readers)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", items, items.size(), (ps, row) -> {
            for (int k = 0; k < 14; k++) {
                ps.setObject(k + 1, row[k]);
            }
            Array readers = ps.getConnection().createArrayOf("text", (String[]) row[14]);
            ps.setArray(15, readers);
        });
        lastNumbers.forEach((key, last) -> jdbc.update("""
                insert into submission_number (unit_code, year, last_number) values (?, ?, ?)
                on conflict (unit_code, year) do update set last_number = greatest(submission_number.last_number, excluded.last_number)""",
                key.substring(0, key.indexOf('|')), Integer.parseInt(key.substring(key.indexOf('|') + 1)), last));
        jdbc.batchUpdate("insert into issue_item (issue_id, submission_id, position, headline) values (?, ?, ?, ?)", issueItems);
        jdbc.batchUpdate("""
                insert into document (id, submission_id, file_name, media_type, size_bytes, sha256, content, extracted_text,
                    revision, position, superseded, uploaded_by, uploaded_at)
                values (?, ?, ?, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 0,
                    repeat('0', 64), ?, ?, 1, 1, false, 'bench', ?)""", documents);
        items.clear();
        issueItems.clear();
        documents.clear();
    }

    private String body(Doc doc) {
        int target = 300 + random.nextInt(1200);
        int start = random.nextInt(doc.paragraphs().size());
        StringBuilder b = new StringBuilder();
        for (int p = start; p < doc.paragraphs().size() && b.length() < target; p++) {
            b.append(doc.paragraphs().get(p)).append('\n');
        }
        for (int p = 0; p < start && b.length() < 300; p++) {
            b.append(doc.paragraphs().get(p)).append('\n');
        }
        return b.toString().strip();
    }

    private static String title(String body) {
        String sentence = Arrays.stream(body.split("[。！？\n]")).map(String::strip).filter(s -> s.length() >= 8)
                .findFirst().orElse(body);
        sentence = sentence.replaceFirst("^[（(]?[一二三四五六七八九十\\d]+[)）、.．]\\s*", "");
        return sentence.length() > 40 ? sentence.substring(0, 40) : sentence;
    }
}
