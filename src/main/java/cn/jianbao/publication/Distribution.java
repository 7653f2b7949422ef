package cn.jianbao.publication;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Who receives an issue (seed 004 footer): 报 (reported up to), 送 (sent to), 发 (issued to).
 * Entries name units by code or people by user id; {@code outside} names recipients that are not
 * users (市扫黑办, a higher office): printed on the issue, never delivered in the system. A client
 * may send those beside the others as {@code {"name": "市扫黑办"}}.
 */
public record Distribution(List<String> report, List<String> send, List<String> issue, Outside outside) {

    /** Recipients outside the system, by name, per list. */
    public record Outside(List<String> report, List<String> send, List<String> issue) {
        public Outside {
            report = report == null ? List.of() : List.copyOf(report);
            send = send == null ? List.of() : List.copyOf(send);
            issue = issue == null ? List.of() : List.copyOf(issue);
        }

        public List<String> all() {
            return Stream.of(report, send, issue).flatMap(List::stream).toList();
        }
    }

    public Distribution {
        report = report == null ? List.of() : List.copyOf(report);
        send = send == null ? List.of() : List.copyOf(send);
        issue = issue == null ? List.of() : List.copyOf(issue);
        outside = outside == null ? new Outside(null, null, null) : outside;
    }

    public Distribution(List<String> report, List<String> send, List<String> issue) {
        this(report, send, issue, null);
    }

    /** As clients send it: codes, and {@code {"name": …}} for a recipient outside the system, in any list. */
    @JsonCreator
    static Distribution of(@JsonProperty("report") List<Object> report, @JsonProperty("send") List<Object> send,
                           @JsonProperty("issue") List<Object> issue, @JsonProperty("outside") Outside outside) {
        Outside given = outside == null ? new Outside(null, null, null) : outside;
        return new Distribution(codes(report), codes(send), codes(issue), new Outside(
                names(report, given.report()), names(send, given.send()), names(issue, given.issue())));
    }

    private static List<String> codes(List<Object> entries) {
        List<String> out = new ArrayList<>();
        for (Object e : entries == null ? List.of() : entries) {
            if (e instanceof String s) {
                out.add(s);
            } else if (!(e instanceof Map<?, ?>)) {
                throw new IllegalArgumentException("a distribution entry is a code or {\"name\": …}");
            }
        }
        return out;
    }

    private static List<String> names(List<Object> entries, List<String> already) {
        List<String> out = new ArrayList<>(already);
        for (Object e : entries == null ? List.of() : entries) {
            if (e instanceof Map<?, ?> m) {
                if (!(m.get("name") instanceof String name)) {
                    throw new IllegalArgumentException("an outside recipient is {\"name\": \"…\"}");
                }
                out.add(name);
            }
        }
        return out;
    }

    public static Distribution none() {
        return new Distribution(List.of(), List.of(), List.of());
    }

    /** The units and people in the system on the lists (whom the issue is delivered to). */
    public List<String> all() {
        return Stream.of(report, send, issue).flatMap(List::stream).distinct().toList();
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isEmpty() {
        return all().isEmpty() && outside.all().isEmpty();
    }
}
