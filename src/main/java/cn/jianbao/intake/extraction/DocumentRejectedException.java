package cn.jianbao.intake.extraction;

import cn.jianbao.web.ApiException;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/**
 * An upload the extraction step refuses. The message is Chinese, names the file and tells the
 * liaison what to do; {@link #reason()} is for code.
 */
public class DocumentRejectedException extends ApiException {

    public enum Reason { EMPTY, TOO_LARGE, UNSUPPORTED_TYPE, EXTENSION_MISMATCH, ENCRYPTED, CORRUPT, NO_TEXT, TIMEOUT }

    static final String SUPPORTED_FORMATS =
            "Word（.doc/.docx）、WPS（.wps）、PDF、OFD、ODT、RTF、TXT、HTML";

    private final Reason reason;
    private final String fileName;

    public DocumentRejectedException(Reason reason, String fileName, String message) {
        this(reason, fileName, message, null);
    }

    public DocumentRejectedException(Reason reason, String fileName, String message, Throwable cause) {
        super(status(reason), "file", message, cause);
        this.reason = reason;
        this.fileName = fileName;
        with("reason", reason.name());
        with("file", fileName);
    }

    private static HttpStatus status(Reason reason) {
        return switch (reason) {
            case TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
            case UNSUPPORTED_TYPE, EXTENSION_MISMATCH -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            default -> HttpStatus.UNPROCESSABLE_ENTITY;
        };
    }

    public Reason reason() {
        return reason;
    }

    public String fileName() {
        return fileName;
    }

    static DocumentRejectedException empty(String fileName) {
        return new DocumentRejectedException(Reason.EMPTY, fileName,
                "文件“" + fileName + "”是空文件，没有任何内容，请检查后重新上传。");
    }

    static DocumentRejectedException tooLarge(String fileName, DataSize limit) {
        return new DocumentRejectedException(Reason.TOO_LARGE, fileName,
                "文件“" + fileName + "”超过 " + human(limit.toBytes())
                        + " 上限，请压缩其中的图片或拆分后重新上传。");
    }

    static DocumentRejectedException unsupported(String fileName) {
        return new DocumentRejectedException(Reason.UNSUPPORTED_TYPE, fileName,
                "文件“" + fileName + "”的格式不受支持。支持的格式：" + SUPPORTED_FORMATS + "。");
    }

    static DocumentRejectedException mismatch(String fileName, String actual) {
        return new DocumentRejectedException(Reason.EXTENSION_MISMATCH, fileName,
                "文件“" + fileName + "”的内容与扩展名不符（实际为 " + actual + "）。请改用正确的扩展名，或用原软件另存为支持的格式后重新上传。");
    }

    static DocumentRejectedException encrypted(String fileName, Throwable cause) {
        return new DocumentRejectedException(Reason.ENCRYPTED, fileName,
                "文件“" + fileName + "”已加密，请去除密码后重新上传。", cause);
    }

    static DocumentRejectedException corrupt(String fileName, Throwable cause) {
        return new DocumentRejectedException(Reason.CORRUPT, fileName,
                "文件“" + fileName + "”已损坏或无法读取。请用原软件打开并重新保存后上传。", cause);
    }

    static DocumentRejectedException noText(String fileName) {
        return new DocumentRejectedException(Reason.NO_TEXT, fileName,
                "文件“" + fileName + "”中没有可提取的文字（如为扫描件，请另附文字稿）。");
    }

    static DocumentRejectedException timeout(String fileName, Duration limit) {
        return new DocumentRejectedException(Reason.TIMEOUT, fileName,
                "文件“" + fileName + "”处理超时（超过 " + human(limit) + "），请稍后重试；如文件很大或版面复杂，请拆分或另存为 PDF 后重新上传。");
    }

    /** 20 MB, 1 KB, 1.5 MB, 300 B */
    static String human(long bytes) {
        if (bytes >= 1024L * 1024) {
            return trim(bytes / (1024.0 * 1024)) + " MB";
        }
        if (bytes >= 1024) {
            return trim(bytes / 1024.0) + " KB";
        }
        return bytes + " B";
    }

    static String human(Duration d) {
        if (d.toMillis() >= 1000 && d.toMillis() % 1000 == 0) {
            return d.toSeconds() + " 秒";
        }
        return d.toMillis() + " 毫秒";
    }

    private static String trim(double v) {
        double rounded = Math.round(v * 10) / 10.0;
        return rounded == Math.rint(rounded) ? String.valueOf((long) rounded) : String.valueOf(rounded);
    }
}
