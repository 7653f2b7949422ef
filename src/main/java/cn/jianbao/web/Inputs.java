package cn.jianbao.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * What a request may carry, said once for every door (our API's parameters and JSON, Camunda's
 * REST API, the Tasklist forms): text without control characters, dates within sane years.
 * A NUL reaches PostgreSQL as an error (500), a year 999999999 as an overflow; both are refused
 * here with the field named.
 */
public final class Inputs {

    /** Dates people mean lie in these years; anything else is a typing error or a probe. */
    public static final int FIRST_YEAR = 1900;
    public static final int LAST_YEAR = 2199;

    private Inputs() {
    }

    /**
     * The first character that text must not hold, or -1: control characters (tab and line breaks
     * excepted), unpaired surrogates and the non-characters U+FFFE / U+FFFF.
     */
    public static int invalidCharacter(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r') {
                continue;
            }
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0xfffe || c == 0xffff) {
                return i;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether the text says anything: more than whitespace (fullwidth too), byte-order marks and
     * other invisible format characters (zero-width spaces). A body of only U+FEFF and spaces is empty.
     */
    public static boolean hasText(String s) {
        if (s == null) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c) && !Character.isISOControl(c)
                    && Character.getType(c) != Character.FORMAT) {
                return true;
            }
        }
        return false;
    }

    /** Text as stored: byte-order marks (the first character of many a pasted text) removed, trimmed. */
    public static String clean(String s) {
        return s == null ? null : s.replace("\uFEFF", "").strip();
    }

    /** Refuses text holding a control character, naming the field. */
    public static String text(String field, String value) {
        if (value != null && invalidCharacter(value) >= 0) {
            throw new BadRequestException(field, "“" + field + "”中含有不可见的控制字符（如 NUL），请删除后重新填写。");
        }
        return value;
    }

    /** A day written yyyy-MM-dd (null when not given), within sane years. */
    public static LocalDate day(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        LocalDate day;
        try {
            day = LocalDate.parse(text(field, value).strip());
        } catch (DateTimeParseException e) {
            throw new BadRequestException(field, "日期“" + shown(value) + "”格式不正确，应为 2026-01-31。");
        }
        return year(field, day);
    }

    /** Refuses a date or time outside {@link #FIRST_YEAR}–{@link #LAST_YEAR}. */
    public static <T extends TemporalAccessor> T year(String field, T value) {
        TemporalAccessor dated = value instanceof java.time.Instant i ? i.atOffset(java.time.ZoneOffset.UTC) : value;
        if (dated != null && dated.isSupported(ChronoField.YEAR)) {
            int year = dated.get(ChronoField.YEAR);
            if (year < FIRST_YEAR || year > LAST_YEAR) {
                throw new BadRequestException(field, "日期的年份“" + year + "”不在合理范围内（" + FIRST_YEAR + "–"
                        + LAST_YEAR + "），请检查。");
            }
        }
        return value;
    }

    private static String shown(String value) {
        String v = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return invalidCharacter(v) >= 0 ? "（含控制字符）" : v;
    }
}
