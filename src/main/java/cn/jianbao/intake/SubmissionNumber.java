package cn.jianbao.intake;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The 报送编号 people say and type: 黄江〔2026〕37号 (the unit's short name, the year, a sequence
 * without gaps per unit and year). Typed, it may come as 黄江[2026]37, 黄江2026-37 or 黄江（2026）37号.
 */
public record SubmissionNumber(String shortName, int year, int sequence) {

    // brackets people type for 〔〕; the year is four digits, the sequence up to six
    private static final Pattern TYPED = Pattern.compile(
            "^(\\D{1,40}?)\\s*[〔\\[［(（【]?\\s*((?:19|20|21)\\d{2})\\s*[〕\\]］)）】年]?\\s*[-－—_第]?\\s*(\\d{1,6})\\s*号?$");
    // said without the year (黄江37号): this year's
    private static final Pattern SHORT = Pattern.compile("^(\\D{1,40}?)\\s*[-－—_第]?\\s*(\\d{1,6})\\s*号$");

    public String text() {
        return format(shortName, year, sequence);
    }

    public static String format(String shortName, int year, int sequence) {
        return shortName + "〔" + year + "〕" + sequence + "号";
    }

    /**
     * What a person typed, if it reads as a number (without a year: {@code thisYear}'s); nothing
     * said about whether it exists.
     */
    public static Optional<SubmissionNumber> parse(String typed, int thisYear) {
        if (typed == null) {
            return Optional.empty();
        }
        String t = typed.strip();
        Matcher m = TYPED.matcher(t);
        if (m.matches()) {
            return of(m.group(1), Integer.parseInt(m.group(2)), m.group(3));
        }
        m = SHORT.matcher(t);
        return m.matches() ? of(m.group(1), thisYear, m.group(2)) : Optional.empty();
    }

    private static Optional<SubmissionNumber> of(String name, int year, String sequence) {
        String shortName = name.strip();
        int n = Integer.parseInt(sequence);
        if (shortName.isEmpty() || n == 0 || !Character.isLetter(shortName.codePointAt(0))) {
            return Optional.empty();
        }
        return Optional.of(new SubmissionNumber(shortName, year, n));
    }
}
