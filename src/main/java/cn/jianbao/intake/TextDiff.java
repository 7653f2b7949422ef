package cn.jianbao.intake;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.List;

/**
 * What changed between two versions of a text, character by character (Chinese has no spaces to
 * split words at), as runs people read: kept, taken out, put in.
 */
public final class TextDiff {

    public record Run(String op, String text) {
    }

    private TextDiff() {
    }

    public static List<Run> of(String before, String after) {
        List<String> a = chars(before == null ? "" : before);
        List<String> b = chars(after == null ? "" : after);
        Patch<String> patch = DiffUtils.diff(a, b);
        List<Run> out = new ArrayList<>();
        int at = 0;
        for (AbstractDelta<String> d : patch.getDeltas()) {
            add(out, "same", a.subList(at, d.getSource().getPosition()));
            add(out, "deleted", d.getSource().getLines());
            add(out, "inserted", d.getTarget().getLines());
            at = d.getSource().getPosition() + d.getSource().size();
        }
        add(out, "same", a.subList(at, a.size()));
        return out;
    }

    private static void add(List<Run> out, String op, List<String> chars) {
        if (chars.isEmpty()) {
            return;
        }
        String text = String.join("", chars);
        if (!out.isEmpty() && out.get(out.size() - 1).op().equals(op)) {
            text = out.remove(out.size() - 1).text() + text;
        }
        out.add(new Run(op, text));
    }

    private static List<String> chars(String s) {
        return s.codePoints().mapToObj(Character::toString).toList();
    }
}
