package cn.jianbao.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A rebuild's batch that Elasticsearch did not take in time is sent once more, not twice more. */
class RebuildRetryTest {

    @Test
    void aBatchNotTakenIsSentOnceMore() throws Exception {
        AtomicInteger sent = new AtomicInteger();
        String written = ArchiveIndexer.retryingOnce(() -> {
            if (sent.incrementAndGet() == 1) {
                throw new IOException("15,000 milliseconds timeout on connection");
            }
            return "written";
        }, 1);
        assertThat(written).isEqualTo("written");
        assertThat(sent).hasValue(2);
    }

    @Test
    void aSecondFailureFailsTheRebuild() {
        AtomicInteger sent = new AtomicInteger();
        assertThatThrownBy(() -> ArchiveIndexer.retryingOnce(() -> {
            sent.incrementAndGet();
            throw new IOException("Elasticsearch is away");
        }, 1)).isInstanceOf(IOException.class).hasMessageContaining("away");
        assertThat(sent).hasValue(2);
    }

    @Test
    void aBatchTakenIsSentOnce() throws Exception {
        AtomicInteger sent = new AtomicInteger();
        ArchiveIndexer.retryingOnce(sent::incrementAndGet, 1);
        assertThat(sent).hasValue(1);
    }
}
