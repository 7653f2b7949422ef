package cn.jianbao.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CPU time and resident memory of the processes a benchmark runs on, read from /proc: this JVM (the
 * application, with the benchmark's own client threads), and each server of the embedded default
 * (PostgreSQL, Elasticsearch) with all its descendants. CPU counts the live processes' user and
 * system time plus what the roots' ended children used (a PostgreSQL backend that came and went), so
 * the difference of two snapshots is what each spent in between, whatever the other core did.
 */
public final class ProcessCost {

    /** USER_HZ: the unit of /proc/PID/stat's times on Linux. */
    private static final double TICKS_PER_SECOND = 100.0;

    public record Snapshot(Map<String, Double> cpuSeconds, Map<String, Long> rssBytes) {

        public Map<String, Double> cpuSince(Snapshot before) {
            Map<String, Double> out = new LinkedHashMap<>();
            cpuSeconds.forEach((k, v) -> out.put(k, v - before.cpuSeconds.getOrDefault(k, 0.0)));
            return out;
        }
    }

    private final Map<String, List<Long>> roots;

    private ProcessCost(Map<String, List<Long>> roots) {
        this.roots = roots;
    }

    /**
     * In a test JVM of the embedded default: this JVM, the PostgreSQL server (the postmaster, found as
     * the parent of a backend) and the Elasticsearch this JVM started (its descendants named so).
     */
    public static ProcessCost of(long postgresBackendPid) {
        Map<String, List<Long>> roots = new LinkedHashMap<>();
        roots.put("application", List.of(ProcessHandle.current().pid()));
        ProcessHandle.of(postgresBackendPid).flatMap(ProcessHandle::parent)
                .ifPresent(p -> roots.put("postgres", List.of(p.pid())));
        List<Long> search = ProcessHandle.current().children().filter(h -> {
            try {
                return Files.readString(Path.of("/proc", Long.toString(h.pid()), "cmdline")).contains("elasticsearch");
            } catch (IOException e) {
                return false;
            }
        }).map(ProcessHandle::pid).toList();
        if (!search.isEmpty()) {
            roots.put("elasticsearch", search);
        }
        return new ProcessCost(roots);
    }

    public Snapshot take() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        Map<String, Long> rss = new LinkedHashMap<>();
        Set<Long> application = Set.of(ProcessHandle.current().pid());
        roots.forEach((kind, pids) -> {
            Set<Long> all = new LinkedHashSet<>();
            for (long pid : pids) {
                all.add(pid);
                if (!application.contains(pid)) {
                    ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> all.add(d.pid())));
                }
            }
            long ticks = 0;
            long bytes = 0;
            for (long pid : all) {
                long[] t = ticks(pid);
                ticks += t[0] + t[1] + (pids.contains(pid) ? t[2] + t[3] : 0);
                bytes += rss(pid);
            }
            cpu.put(kind, ticks / TICKS_PER_SECOND);
            rss.put(kind, bytes);
        });
        return new Snapshot(cpu, rss);
    }

    /** utime, stime, cutime, cstime of a process; zeros if it is gone. */
    private static long[] ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": state is field 3 of proc(5), utime 14, stime 15, cutime 16, cstime 17
            return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14])};
        } catch (IOException | RuntimeException e) {
            return new long[4];
        }
    }

    /**
     * Proportional set size: resident memory with shared pages divided among the processes sharing
     * them, so PostgreSQL's shared buffers count once for all its backends (VmRSS where PSS is unknown).
     */
    private static long rss(long pid) {
        for (String[] source : new String[][] {{"smaps_rollup", "Pss:"}, {"status", "VmRSS:"}}) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), source[0]))) {
                    if (line.startsWith(source[1])) {
                        return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not readable, or gone
            }
        }
        return 0;
    }
}
