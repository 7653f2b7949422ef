package cn.jianbao.archive;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The search archive ({@code jianbao.archive.*}).
 *
 * @param alias      the index alias searches and writes go through; rebuilds swap the index behind it
 * @param analyzer   of the fields holding title, text and attachments as written (highlighting,
 *                   phrases in the issue title and author). Searching uses the words and character
 *                   pairs the application makes, whatever this says
 * @param pollInterval how often the indexer drains the outbox
 * @param maxBackoff   longest wait between retries while Elasticsearch is unreachable
 */
@ConfigurationProperties("jianbao.archive")
public record ArchiveProperties(@DefaultValue("jianbao-archive") String alias,
                                @DefaultValue("standard") String analyzer,
                                @DefaultValue("1s") Duration pollInterval,
                                @DefaultValue("30s") Duration maxBackoff) {
}
