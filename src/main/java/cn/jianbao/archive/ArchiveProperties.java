package cn.jianbao.archive;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The search archive ({@code jianbao.archive.*}).
 *
 * @param alias      the index alias searches and writes go through; rebuilds swap the index behind it
 * @param analyzer   for Chinese text. {@code standard} splits Chinese into single characters, which
 *                   with phrase queries gives exact substring search and needs no plugin; production
 *                   may load analysis-smartcn / analysis-icu / IK and name their analyzer here
 * @param pollInterval how often the indexer drains the outbox
 * @param maxBackoff   longest wait between retries while Elasticsearch is unreachable
 */
@ConfigurationProperties("jianbao.archive")
public record ArchiveProperties(@DefaultValue("jianbao-archive") String alias,
                                @DefaultValue("standard") String analyzer,
                                @DefaultValue("1s") Duration pollInterval,
                                @DefaultValue("30s") Duration maxBackoff) {
}
