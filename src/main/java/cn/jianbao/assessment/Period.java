package cn.jianbao.assessment;

import cn.jianbao.web.BadRequestException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A month (2026-11), a quarter (2026-Q4) or a year (2026), as days from {@code from} to {@code to}. */
public record Period(String code, String label, LocalDate from, LocalDate to) {

    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{1,2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-[Qq]([1-4])");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");

    public static Period parse(String code, LocalDate today) {
        if (code == null || code.isBlank()) {
            return month(YearMonth.from(today));
        }
        String c = code.strip();
        Matcher m;
        if ((m = MONTH.matcher(c)).matches()) {
            int month = Integer.parseInt(m.group(2));
            if (month < 1 || month > 12) {
                throw invalid(c);
            }
            return month(YearMonth.of(year(m.group(1), c), month));
        }
        if ((m = QUARTER.matcher(c)).matches()) {
            int year = year(m.group(1), c);
            int q = Integer.parseInt(m.group(2));
            LocalDate from = LocalDate.of(year, (q - 1) * 3 + 1, 1);
            return new Period(year + "-Q" + q, year + "年第" + "一二三四".charAt(q - 1) + "季度", from,
                    from.plusMonths(3).minusDays(1));
        }
        if ((m = YEAR.matcher(c)).matches()) {
            int year = year(m.group(1), c);
            return new Period(String.valueOf(year), year + "年", LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
        }
        throw invalid(c);
    }

    public static Period month(YearMonth m) {
        return new Period(m.toString(), m.getYear() + "年" + m.getMonthValue() + "月", m.atDay(1), m.atEndOfMonth());
    }

    private static int year(String text, String code) {
        int year = Integer.parseInt(text);
        if (year < 2000 || year > 2100) {
            throw invalid(code);
        }
        return year;
    }

    private static BadRequestException invalid(String code) {
        return new BadRequestException("period", "时段“" + code + "”格式不正确，应为 2026-11（月）、2026-Q4（季度）或 2026（年）。");
    }
}
