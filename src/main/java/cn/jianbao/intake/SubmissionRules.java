package cn.jianbao.intake;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits a liaison meets when submitting ({@code jianbao.submission.*}).
 *
 * @param maxBodyChars seed 000: 信息简报原则上不超过3000字; counted without whitespace
 * @param maxFiles     documents in one submission
 */
@ConfigurationProperties("jianbao.submission")
public record SubmissionRules(@DefaultValue("3000") int maxBodyChars, @DefaultValue("10") int maxFiles) {

    /** Characters as a reader counts them: every code point but whitespace. */
    public static long countChars(String text) {
        return text == null ? 0 : text.codePoints().filter(c -> !Character.isWhitespace(c)).count();
    }
}
