package cn.jianbao.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.testing.AppProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A backup of the embedded default and its restore after the data folder is lost, with the README's
 * command: the database folder copied while the application is stopped (PostgreSQL's file-system
 * level backup; everything of an office is in the database, documents included), then restored
 * alone into an empty data folder. The search index is not backed up: the application finds it
 * behind the database at the start and rebuilds it. What was stored after the backup is gone, and
 * nothing else is: items with their open tasks, the published issue with its printed form (the same
 * file), the archive.
 */
class BackupRestoreTest {

    private Path data;
    private Path backup;
    private AppProcess app;

    @AfterEach
    void stopAndClean() throws Exception {
        if (app != null) {
            app.stop();
        }
        AppProcess.delete(data);
        AppProcess.delete(backup);
    }

    @Test
    void theDatabaseFolderCopiedWhileStoppedRestoresEverythingAndTheArchiveRebuildsItself() throws Exception {
        data = AppProcess.dataFolder("jianbao-backup-");
        int port = AppProcess.freePort();
        app = new AppProcess(data, port, Map.of("JIANBAO_DEMO_SUBMISSIONS", "false"));
        app.start();

        String tag = UUID.randomUUID().toString().substring(0, 6).replaceAll("[0-9a-f]", "备");
        BackupWork.Before before = BackupWork.doBefore(app, "备份", tag);
        String published = before.published();
        String issue = before.issue();
        String waiting = before.waiting();

        // the backup: stopped, the database folder copied as it is (owner and modes kept)
        app.stop();
        backup = Files.createTempDirectory("jianbao-backup-copy-");
        copy(data.resolve("postgres"), backup.resolve("postgres"));

        // work after the backup, then the data folder lost
        app.start();
        String after = app.submit("huangjiang-liaison", "备份后报送" + tag);
        app.stop();
        AppProcess.delete(data);

        // the restore: the database folder back into an empty data folder, the README's command
        Files.createDirectories(data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        copy(backup.resolve("postgres"), data.resolve("postgres"));
        app.start();

        assertThat(status(waiting)).isEqualTo("leader_approval");
        assertThat(app.getJson("admin", "/engine-rest/task?processInstanceBusinessKey=" + waiting)).hasSize(1);
        assertThat(status(published)).isEqualTo("published");
        assertThat(app.get("admin", "/api/submissions/" + after).statusCode()).as("stored after the backup").isEqualTo(404);
        assertThat(BackupWork.docxSha256(app, issue)).isEqualTo(before.docxSha256());
        // the archive: rebuilt from the database by itself, with nobody asking
        awaitFound("备份前刊发" + tag, 1);
        awaitFound("备份前待审" + tag, 1);
        JsonNode none = search("备份后报送" + tag);
        assertThat(none.get("total").asLong()).isZero();
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

    /** cp -a: PostgreSQL wants its folder's owner and modes as they were. */
    private static void copy(Path from, Path to) throws Exception {
        Process p = new ProcessBuilder(List.of("cp", "-a", from.toString(), to.toString())).inheritIO().start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("cp -a %s %s", from, to).isZero();
    }
}
