package cn.jianbao.directory;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * Passwords as MLPS 2.0 (等保2.0) level 3 practice asks: at least 8 characters of at least three
 * kinds (capitals, small letters, digits, other), not containing the user id.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 64;
    public static final String RULE = "密码至少8位，须包含大写字母、小写字母、数字、特殊字符中的至少三类，且不能包含用户名。";

    private static final SecureRandom RANDOM = new SecureRandom();
    // no look-alikes (0/O, 1/l/I): an initial password is read out or written down once
    private static final String[] CLASSES = {"ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnpqrstuvwxyz", "23456789", "#%+=@!?"};

    private PasswordPolicy() {
    }

    /** What is wrong with this password for this user, in words they can act on; empty if nothing. */
    public static Optional<String> violation(String userId, String password) {
        if (password == null || password.isEmpty()) {
            return Optional.of("请输入新密码。" + RULE);
        }
        if (password.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))) {
            return Optional.of("密码不能包含空格或控制字符。");
        }
        if (password.length() < MIN_LENGTH) {
            return Optional.of("密码太短：" + RULE);
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("密码不能超过" + MAX_LENGTH + "位。");
        }
        int kinds = 0;
        kinds += password.chars().anyMatch(Character::isUpperCase) ? 1 : 0;
        kinds += password.chars().anyMatch(Character::isLowerCase) ? 1 : 0;
        kinds += password.chars().anyMatch(Character::isDigit) ? 1 : 0;
        kinds += password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0;
        if (kinds < 3) {
            return Optional.of("密码太简单：" + RULE);
        }
        if (userId != null && password.toLowerCase(Locale.ROOT).contains(userId.toLowerCase(Locale.ROOT))) {
            return Optional.of("密码不能包含用户名。");
        }
        return Optional.empty();
    }

    /** A random initial password that meets the policy, to be changed at the first login. */
    public static String generate() {
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            String cls = CLASSES[i < CLASSES.length ? i : RANDOM.nextInt(CLASSES.length)];
            p.append(cls.charAt(RANDOM.nextInt(cls.length())));
        }
        // shuffle so the classes are not always in the same places
        for (int i = p.length() - 1; i > 0; i--) {
            int j = RANDOM.nextInt(i + 1);
            char c = p.charAt(i);
            p.setCharAt(i, p.charAt(j));
            p.setCharAt(j, c);
        }
        return p.toString();
    }
}
