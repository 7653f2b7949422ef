package cn.jianbao.quota;

import cn.jianbao.web.BadRequestException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stretch of days a quota counts over (a week, a half month, a month, a quarter) or a report asks
 * about; keys as people write them: 2026-W49, 2026-12-H1, 2026-12, 2026-Q4.
 */
record Window(String per, String key, String label, LocalDate from, LocalDate to) {

    private static final Pattern WEEK = Pattern.compile("(\\d{4})-[Ww](\\d{1,2})");
    private static final Pattern HALF = Pattern.compile("(\\d{4})-(\\d{1,2})-[Hh]([12])");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{1,2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-[Qq]([1-4])");

    static final List<String> PERS = List.of("week", "half_month", "month", "quarter");

    static String perLabel(String per) {
        return switch (per) {
            case "week" -> "每周";
            case "half_month" -> "每半月";
            case "month" -> "每月";
            case "quarter" -> "每季度";
            default -> per;
        };
    }

    /** The window of this kind holding a day. */
    static Window containing(String per, LocalDate day) {
        return switch (per) {
            case "week" -> {
                LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                int year = monday.plusDays(3).get(IsoFields.WEEK_BASED_YEAR);
                int week = monday.plusDays(3).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
                yield new Window(per, year + "-W" + (week < 10 ? "0" : "") + week, year + "年第" + week + "周",
                        monday, monday.plusDays(6));
            }
            case "half_month" -> {
                YearMonth m = YearMonth.from(day);
                boolean first = day.getDayOfMonth() <= 15;
                yield new Window(per, m + (first ? "-H1" : "-H2"), m.getYear() + "年" + m.getMonthValue() + "月"
                        + (first ? "上半月" : "下半月"), first ? m.atDay(1) : m.atDay(16), first ? m.atDay(15) : m.atEndOfMonth());
            }
            case "month" -> {
                YearMonth m = YearMonth.from(day);
                yield new Window(per, m.toString(), m.getYear() + "年" + m.getMonthValue() + "月", m.atDay(1),
                        m.atEndOfMonth());
            }
            case "quarter" -> {
                int q = (day.getMonthValue() - 1) / 3 + 1;
                LocalDate from = LocalDate.of(day.getYear(), (q - 1) * 3 + 1, 1);
                yield new Window(per, day.getYear() + "-Q" + q, day.getYear() + "年第" + "一二三四".charAt(q - 1) + "季度",
                        from, from.plusMonths(3).minusDays(1));
            }
            default -> throw new IllegalArgumentException("unknown quota period " + per);
        };
    }

    /** Windows of this kind that overlap [from, to] and have begun by {@code today}. */
    static List<Window> overlapping(String per, LocalDate from, LocalDate to, LocalDate today) {
        List<Window> out = new ArrayList<>();
        Window w = containing(per, from);
        while (!w.from().isAfter(to) && !w.from().isAfter(today)) {
            out.add(w);
            w = containing(per, w.to().plusDays(1));
        }
        return out;
    }

    boolean ended(LocalDate today) {
        return to.isBefore(today);
    }

    /** A report's period from its key; none: the current month. */
    static Window parse(String key, LocalDate today) {
        if (key == null || key.isBlank()) {
            return containing("month", today);
        }
        String k = key.strip();
        Matcher m;
        try {
            if ((m = WEEK.matcher(k)).matches()) {
                LocalDate d = LocalDate.of(year(m.group(1), k), 1, 4)
                        .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, Integer.parseInt(m.group(2)));
                Window w = containing("week", d);
                if (!w.key().equalsIgnoreCase(String.format("%s-W%02d", m.group(1), Integer.parseInt(m.group(2))))) {
                    throw invalid(k);
                }
                return w;
            }
            if ((m = HALF.matcher(k)).matches()) {
                LocalDate d = YearMonth.of(year(m.group(1), k), Integer.parseInt(m.group(2))).atDay(m.group(3).equals("1") ? 1 : 16);
                return containing("half_month", d);
            }
            if ((m = MONTH.matcher(k)).matches()) {
                return containing("month", YearMonth.of(year(m.group(1), k), Integer.parseInt(m.group(2))).atDay(1));
            }
            if ((m = QUARTER.matcher(k)).matches()) {
                return containing("quarter", LocalDate.of(year(m.group(1), k), (Integer.parseInt(m.group(2)) - 1) * 3 + 1, 1));
            }
        } catch (java.time.DateTimeException e) {
            throw invalid(k);
        }
        throw invalid(k);
    }

    private static int year(String text, String key) {
        int year = Integer.parseInt(text);
        if (year < 2000 || year > 2100) {
            throw invalid(key);
        }
        return year;
    }

    private static BadRequestException invalid(String key) {
        return new BadRequestException("period", "时段“" + key + "”格式不正确，应为 2026-W49（周）、2026-12-H1（上半月）、"
                + "2026-12（月）或 2026-Q4（季度）。");
    }
}
