package cn.jianbao.publication;

import java.util.List;
import java.util.stream.Stream;

/**
 * Who receives an issue (seed 004 footer): 报 (reported up to), 送 (sent to), 发 (issued to).
 * Entries name units by code or people by user id.
 */
public record Distribution(List<String> report, List<String> send, List<String> issue) {

    public Distribution {
        report = report == null ? List.of() : List.copyOf(report);
        send = send == null ? List.of() : List.copyOf(send);
        issue = issue == null ? List.of() : List.copyOf(issue);
    }

    public static Distribution none() {
        return new Distribution(List.of(), List.of(), List.of());
    }

    public List<String> all() {
        return Stream.of(report, send, issue).flatMap(List::stream).distinct().toList();
    }
}
