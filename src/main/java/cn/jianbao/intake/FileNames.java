package cn.jianbao.intake;

/** File names as we store and show them: no path, no control characters, at most 255 characters. */
final class FileNames {

    static final int MAX = 255;

    private FileNames() {
    }

    /** Browsers may send a path, and a name may be longer than any file system keeps: shortened, extension kept. */
    static String safe(String name) {
        if (name == null || name.isBlank()) {
            return "未命名文件";
        }
        String n = name.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}]", "").strip();
        if (n.isEmpty()) {
            return "未命名文件";
        }
        if (n.codePointCount(0, n.length()) <= MAX) {
            return n;
        }
        int dot = n.lastIndexOf('.');
        String ext = dot > 0 && n.length() - dot <= 10 ? n.substring(dot) : "";
        String base = ext.isEmpty() ? n : n.substring(0, dot);
        int keep = MAX - 1 - ext.length();
        return base.substring(0, base.offsetByCodePoints(0, keep)) + "…" + ext;
    }
}
