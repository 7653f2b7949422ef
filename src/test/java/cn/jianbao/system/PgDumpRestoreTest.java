package cn.jianbao.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.jianbao.testing.AppProcess;
import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The production backup (README "Backups", {@code docker/compose.yaml}): {@code pg_dump} while the
 * application runs, then, with the application stopped, {@code pg_restore --clean --if-exists} into
 * the same PostgreSQL, and the application started again. Tried on the embedded PostgreSQL 17 (run
 * here by the test, as a database server the application does not own) with PostgreSQL 17's own
 * tools: {@code JIANBAO_PG_BIN}, or {@code pg_dump} on the PATH if it is 17 or newer (CI fetches
 * them: {@code .ci/pg-client}); skipped without them. Elasticsearch keeps its index meanwhile, as a
 * production cluster would: what it holds from after the backup (an item stored, another moved on
 * to the office) is the database's no more, and the application rebuilds it by itself.
 */
class PgDumpRestoreTest {

    private EmbeddedPostgres postgres;
    private Path data;
    private Path pgData;
    private Path dump;
    private AppProcess app;

    @AfterEach
    void stopAndClean() throws Exception {
        if (app != null) {
            app.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
        AppProcess.delete(data);
        AppProcess.delete(pgData);
        if (dump != null) {
            Files.deleteIfExists(dump);
        }
    }

    @Test
    void aDumpTakenWhileRunningRestoresEverythingItHeldAndTheArchiveFollowsTheDatabase() throws Exception {
        Path bin = tools().orElse(null);
        assumeTrue(bin != null, "PostgreSQL 17's pg_dump and pg_restore not found (JIANBAO_PG_BIN, or on the PATH): "
                + "fetch them with .ci/pg-client");
        pgData = AppProcess.dataFolder("jianbao-pgdump-db-");
        postgres = EmbeddedPostgres.builder().setDataDirectory(pgData).setCleanDataDirectory(true).start();
        data = AppProcess.dataFolder("jianbao-pgdump-");
        app = new AppProcess(data, AppProcess.freePort(), Map.of(
                "JIANBAO_DEMO_SUBMISSIONS", "false",
                "SPRING_DATASOURCE_URL", postgres.getJdbcUrl("postgres", "postgres"),
                "SPRING_DATASOURCE_USERNAME", "postgres",
                "SPRING_DATASOURCE_PASSWORD", "postgres"));
        app.start();

        String tag = UUID.randomUUID().toString().substring(0, 6).replaceAll("[0-9a-f]", "储");
        BackupWork.Before before = BackupWork.doBefore(app, "转储", tag);
        String published = before.published();
        String issue = before.issue();
        String waiting = before.waiting();

        // the backup, while the application runs (the README's command)
        dump = Files.createTempFile("jianbao-", ".dump");
        run(bin.resolve("pg_dump"), "-Fc", "-f", dump.toString());

        // work after the backup: an item stored, the waiting one approved by its leader
        String after = app.submit("huangjiang-liaison", "转储后报送" + tag);
        app.decide(waiting, "huangjiang-leader", "{\"decision\":{\"value\":\"approve\"}}");
        awaitFound("转储后报送" + tag, 1);
        assertThat(stage("转储前待审" + tag)).isNotEqualTo("leader_approval");

        // the restore: the application stopped, the dump back into the same database, started again
        app.stop();
        run(bin.resolve("pg_restore"), "--clean", "--if-exists", "--single-transaction", "-d", "postgres", dump.toString());
        app.start();

        assertThat(status(waiting)).isEqualTo("leader_approval");
        JsonNode task = app.getJson("admin", "/engine-rest/task?processInstanceBusinessKey=" + waiting);
        assertThat(task).hasSize(1);
        assertThat(task.get(0).get("taskDefinitionKey").asText()).isEqualTo("leaderApproval");
        assertThat(status(published)).isEqualTo("published");
        assertThat(app.get("admin", "/api/submissions/" + after).statusCode()).as("stored after the backup").isEqualTo(404);
        assertThat(BackupWork.docxSha256(app, issue)).isEqualTo(before.docxSha256());
        // the archive: the index, ahead of the restored database, rebuilt from it with nobody asking
        awaitFound("转储后报送" + tag, 0);
        awaitFound("转储前待审" + tag, 1);
        assertThat(stage("转储前待审" + tag)).isEqualTo("leader_approval");
        awaitFound("转储前刊发" + tag, 1);
        // and the restored database goes on: new work is stored and found
        String next = app.submit("huangjiang-liaison", "恢复后报送" + tag);
        assertThat(status(next)).isEqualTo("leader_approval");
        awaitFound("恢复后报送" + tag, 1);
    }

    /** PostgreSQL 17's tools (the server's major version or newer: older ones refuse it). */
    private static Optional<Path> tools() {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getenv("JIANBAO_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isBlank()) {
                candidates.add(Path.of(dir));
            }
        }
        for (Path dir : candidates) {
            if (Files.isExecutable(dir.resolve("pg_dump")) && Files.isExecutable(dir.resolve("pg_restore"))
                    && majorVersion(dir.resolve("pg_dump")) >= 17) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    private static int majorVersion(Path tool) {
        try {
            Process p = new ProcessBuilder(tool.toString(), "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return 0;
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\) (\\d+)").matcher(out);
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (Exception e) {
            return 0;
        }
    }

    private void run(Path tool, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(tool.toString(), "-h", "localhost",
                "-p", Integer.toString(postgres.getPort()), "-U", "postgres"));
        if (!tool.getFileName().toString().equals("pg_restore")) {
            command.addAll(List.of("-d", "postgres"));
        }
        command.addAll(List.of(args));
        Path log = data.resolve(tool.getFileName() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PGPASSWORD", "postgres");
        Process p = builder.start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("%s finished", tool).isTrue();
        assertThat(p.exitValue()).as("%s: %s", command, Files.readString(log)).isZero();
    }

    /** The stage the archive shows for the one item with this title. */
    private String stage(String title) throws Exception {
        JsonNode hits = search(title).get("hits");
        assertThat(hits).hasSize(1);
        return hits.get(0).get("stage").asText();
    }

    private String status(String id) throws Exception {
        return BackupWork.status(app, id);
    }

    private JsonNode search(String q) throws Exception {
        return BackupWork.search(app, q);
    }

    private void awaitFound(String q, long expected) throws Exception {
        BackupWork.awaitFound(app, q, expected);
    }
}
