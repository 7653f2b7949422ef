package cn.jianbao.intake.extraction;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the extraction step ({@code jianbao.intake.*}); picked up by the application's
 * {@code @ConfigurationPropertiesScan}.
 *
 * @param maxFileSize       larger uploads are refused before any parsing
 * @param maxExtractedChars Tika write limit: text beyond it is cut off, not refused
 * @param parseTimeout      detection and parsing of one file together
 */
@ConfigurationProperties("jianbao.intake")
public record ExtractionProperties(
        @DefaultValue("20MB") DataSize maxFileSize,
        @DefaultValue("1000000") int maxExtractedChars,
        @DefaultValue("60s") Duration parseTimeout) {

    public static final DataSize DEFAULT_MAX_FILE_SIZE = DataSize.ofMegabytes(20);
    public static final int DEFAULT_MAX_EXTRACTED_CHARS = 1_000_000;
    public static final Duration DEFAULT_PARSE_TIMEOUT = Duration.ofSeconds(60);

    public ExtractionProperties {
        if (maxFileSize == null) {
            maxFileSize = DEFAULT_MAX_FILE_SIZE;
        }
        if (parseTimeout == null) {
            parseTimeout = DEFAULT_PARSE_TIMEOUT;
        }
        if (maxFileSize.toBytes() <= 0) {
            throw new IllegalArgumentException("jianbao.intake.max-file-size must be positive");
        }
        if (maxExtractedChars <= 0) {
            throw new IllegalArgumentException("jianbao.intake.max-extracted-chars must be positive");
        }
        if (parseTimeout.isNegative() || parseTimeout.isZero()) {
            throw new IllegalArgumentException("jianbao.intake.parse-timeout must be positive");
        }
    }

    /** The defaults, for code and tests that run without Spring. */
    public static ExtractionProperties defaults() {
        return new ExtractionProperties(DEFAULT_MAX_FILE_SIZE, DEFAULT_MAX_EXTRACTED_CHARS, DEFAULT_PARSE_TIMEOUT);
    }

    public ExtractionProperties withMaxFileSize(DataSize size) {
        return new ExtractionProperties(size, maxExtractedChars, parseTimeout);
    }

    public ExtractionProperties withMaxExtractedChars(int chars) {
        return new ExtractionProperties(maxFileSize, chars, parseTimeout);
    }

    public ExtractionProperties withParseTimeout(Duration timeout) {
        return new ExtractionProperties(maxFileSize, maxExtractedChars, timeout);
    }
}
