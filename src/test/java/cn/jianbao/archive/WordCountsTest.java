package cn.jianbao.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The search's remembered word counts are forgotten when a document with the word is written here. */
class WordCountsTest {

    @Test
    void aCountIsKeptUntilADocumentHoldingTheWordIsWritten() {
        WordCounts counts = new WordCounts();
        counts.put("个税", 1);
        counts.put("集采", 0);
        assertThat(counts.get("个税")).contains(1L);

        // a document with other words only: both counts still hold
        counts.written(List.of(new ArchiveEntry.Words("k1", "防汛 工作", "全镇 防汛 检查", null)));
        assertThat(counts.get("个税")).contains(1L);
        assertThat(counts.get("集采")).contains(0L);

        // one holding 个税 in its text (as a whole word, not a part of one): that count goes, the other stays
        counts.written(List.of(new ArchiveEntry.Words("k2", "减税 降费", "落实 个税 专项 扣除", null),
                new ArchiveEntry.Words("k3", "个税改革", "", null)));
        assertThat(counts.get("个税")).isEmpty();
        assertThat(counts.get("集采")).contains(0L);

        // in a title too
        counts.written(List.of(new ArchiveEntry.Words("k4", "药品 集采 落地", null, null)));
        assertThat(counts.get("集采")).isEmpty();
    }

    @Test
    void aSwappedIndexForgetsEveryCount() {
        WordCounts counts = new WordCounts();
        counts.put("个税", 1);
        counts.clear();
        assertThat(counts.get("个税")).isEmpty();
    }
}
