package cn.jianbao.publication.print;

import java.util.Arrays;
import java.util.Optional;

/** The printed forms of an issue. */
public enum DocumentFormat {
    DOCX("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    PDF("pdf", "application/pdf"),
    OFD("ofd", "application/ofd");

    private final String code;
    private final String mediaType;

    DocumentFormat(String code, String mediaType) {
        this.code = code;
        this.mediaType = mediaType;
    }

    public String code() {
        return code;
    }

    public String mediaType() {
        return mediaType;
    }

    public static Optional<DocumentFormat> of(String code) {
        return Arrays.stream(values()).filter(f -> f.code.equalsIgnoreCase(code == null ? "" : code.strip())).findFirst();
    }
}
