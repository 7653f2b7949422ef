package cn.jianbao;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Each top-level package is a module (architecture.md): no cycles between them, none reaches into
 * another's sub-packages, every call goes down the layers drawn there, and every event between
 * modules is on the event map. Fails when a change breaks any of these.
 */
class ModulesTest {

    /** The layers of architecture.md, bottom first: a module may use only modules of lower layers. */
    static final List<List<String>> LAYERS = List.of(
            List.of("process", "web", "platforms"),
            List.of("directory"),
            List.of("access"),
            List.of("notification"),
            List.of("intake"),
            List.of("publication", "audit"),
            List.of("review", "archive", "assessment"),
            List.of("commission", "quota", "tasks"),
            List.of("system", "demo"));

    static final ApplicationModules MODULES = ApplicationModules.of(JianbaoApplication.class);

    @Test
    void modulesHaveNoCyclesAndUseEachOthersPublicTypesOnly() {
        MODULES.verify();
    }

    @Test
    void everyModuleCallsOnlyDownward() {
        assertThat(upwardCalls(LAYERS)).isEmpty();
    }

    /** The check itself can fail: with the layers upside down, every dependency is an upward call. */
    @Test
    void theLayerCheckSeesAnUpwardCall() {
        List<List<String>> upsideDown = new ArrayList<>(LAYERS);
        java.util.Collections.reverse(upsideDown);
        assertThat(upwardCalls(upsideDown)).contains("intake -> directory", "publication -> intake", "tasks -> publication");
    }

    /** "a -> b" for each module a that uses a module b of its own or a higher layer; a module in no layer is named too. */
    static List<String> upwardCalls(List<List<String>> layers) {
        Map<String, Integer> layer = IntStream.range(0, layers.size()).boxed()
                .flatMap(i -> layers.get(i).stream().map(m -> Map.entry(m, i)))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        List<String> wrong = new ArrayList<>();
        for (ApplicationModule module : MODULES) {
            String from = module.getIdentifier().toString();
            if (!layer.containsKey(from)) {
                wrong.add(from + " is in no layer: place it in ModulesTest.LAYERS and architecture.md");
                continue;
            }
            module.getDirectDependencies(MODULES).uniqueModules().map(m -> m.getIdentifier().toString())
                    .filter(to -> !layer.containsKey(to) || layer.get(to) >= layer.get(from))
                    .forEach(to -> wrong.add(from + " -> " + to));
        }
        return wrong;
    }

    /** Every event one module publishes for others is on architecture.md's event map. */
    @Test
    void everyEventIsOnTheEventMap() throws Exception {
        String architecture = Files.readString(Path.of("src/site/markdown/architecture.md"));
        List<String> events;
        try (var files = Files.walk(Path.of("src/main/java/cn/jianbao"))) {
            events = files.filter(p -> p.toString().endsWith(".java")).map(p -> {
                try {
                    return Files.readString(p);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).flatMap(src -> java.util.regex.Pattern.compile("publishEvent\\(new (\\w+)\\(").matcher(src).results()
                    .map(m -> m.group(1))).distinct().sorted().toList();
        }
        assertThat(events).isNotEmpty();
        assertThat(events).allSatisfy(e -> assertThat(architecture).as("the event map names " + e).contains("`" + e + "`"));
    }

    /** Each listener is on its event's row of the map, so the map tells a newcomer every effect of an event. */
    @Test
    void everyListenerIsOnItsEventsRow() throws Exception {
        String architecture = Files.readString(Path.of("src/site/markdown/architecture.md"));
        Map<String, String> rows = architecture.lines().filter(l -> l.startsWith("| `"))
                .collect(Collectors.toMap(l -> l.substring(3, l.indexOf('`', 3)), l -> l, (a, b) -> a + b));
        var listener = java.util.regex.Pattern.compile(
                "@(?:[\\w.]*\\.)?(?:EventListener|TransactionalEventListener|ApplicationModuleListener)\\b[^;{]*?void \\w+\\(([\\w.]+) \\w+\\)",
                java.util.regex.Pattern.DOTALL);
        List<String> found = new ArrayList<>();
        try (var files = Files.walk(Path.of("src/main/java/cn/jianbao"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String name = p.getFileName().toString().replace(".java", "");
                String module = p.getParent().getFileName().toString();
                listener.matcher(Files.readString(p)).results().forEach(m -> {
                    String event = m.group(1).substring(m.group(1).lastIndexOf('.') + 1);
                    found.add(event);
                    assertThat(rows.get(event)).as("the event map's row for " + event).isNotNull()
                            .contains("`" + module + "." + name + "`");
                });
            }
        }
        assertThat(found).contains("IssuePublished", "SubmissionChanged", "SubmissionReceived", "SubmissionRevising");
    }
}
