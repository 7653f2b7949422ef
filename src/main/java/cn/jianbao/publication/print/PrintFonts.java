package cn.jianbao.publication.print;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The Chinese fonts a PDF embeds, found once among the machine's fonts. PDFBox embeds only
 * TrueType outlines (Noto CJK and Source Han are CFF and cannot be embedded), so we look for the
 * free TrueType families Debian ships (fonts-arphic-uming, fonts-arphic-ukai, fonts-wqy-zenhei;
 * installed by .ci/run and the Docker image) and for the Windows fonts an office's own machine
 * has. Without any, issues are still published in DOCX and OFD, and PDF says why it is missing.
 */
@Component
public class PrintFonts {

    private static final Logger log = LoggerFactory.getLogger(PrintFonts.class);

    /**
     * A role in the layout: 仿宋 for the body, 楷 for bylines and 编者按, 黑 for marks and labels, 小标宋 for
     * the masthead and titles (GB/T 9704). Offices' own fonts (方正小标宋简体, 仿宋_GB2312, 楷体_GB2312) come
     * first; the free fonts stand in where a machine lacks them.
     */
    public enum Role { SONG, KAI, HEI, TITLE }

    /** A font: its file and, in a collection (.ttc), the name of the face to take. */
    public record Face(Path file, String name) {
    }

    // file name (lower case) -> face name in that file, best first for each role
    private static final Map<Role, List<String[]>> CANDIDATES = Map.of(
            Role.SONG, List.of(new String[] {"仿宋_gb2312.ttf", null}, new String[] {"fs_gb2312.ttf", null},
                    new String[] {"simfang.ttf", null}, new String[] {"simsun.ttc", "SimSun"},
                    new String[] {"uming.ttc", "UMingCN"}),
            Role.KAI, List.of(new String[] {"楷体_gb2312.ttf", null}, new String[] {"kaiti_gb2312.ttf", null},
                    new String[] {"simkai.ttf", null}, new String[] {"ukai.ttc", "UKaiCN"}),
            Role.TITLE, List.of(new String[] {"方正小标宋简体.ttf", null}, new String[] {"fzxbsjw.ttf", null},
                    new String[] {"fzxbsjw--gb1-0.ttf", null}),
            Role.HEI, List.of(new String[] {"simhei.ttf", null}, new String[] {"wqy-zenhei.ttc", "WenQuanYiZenHei"},
                    new String[] {"wqy-microhei.ttc", "WenQuanYiMicroHei"},
                    new String[] {"droidsansfallbackfull.ttf", null}));

    private final Map<Role, Face> faces;

    public PrintFonts(@Value("${jianbao.print.font-dirs:/usr/share/fonts,/usr/local/share/fonts,C:/Windows/Fonts}")
                      List<String> dirs) {
        Map<String, Path> files = new LinkedHashMap<>();
        for (String dir : dirs) {
            Path root = Path.of(dir.strip());
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root, 5)) {
                walk.filter(Files::isRegularFile).forEach(f ->
                        files.putIfAbsent(f.getFileName().toString().toLowerCase(Locale.ROOT), f));
            } catch (IOException | java.io.UncheckedIOException e) {
                log.warn("fonts: cannot read {}: {}", root, e.toString());
            }
        }
        Map<Role, Face> found = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            for (String[] c : CANDIDATES.get(role)) {
                Path f = files.get(c[0]);
                if (f != null) {
                    found.put(role, new Face(f, c[1]));
                    break;
                }
            }
        }
        // titles without 小标宋 in 黑体, as offices print them then; any other missing role borrows another's
        // face: a PDF in one font beats no PDF
        if (!found.containsKey(Role.TITLE) && found.containsKey(Role.HEI)) {
            found.put(Role.TITLE, found.get(Role.HEI));
        }
        List<Face> any = new ArrayList<>(found.values());
        if (!any.isEmpty()) {
            for (Role role : Role.values()) {
                found.putIfAbsent(role, any.get(0));
            }
        }
        this.faces = Map.copyOf(found);
        if (faces.isEmpty()) {
            log.warn("fonts: no Chinese TrueType font found in {}; issues get no PDF until one is installed"
                    + " (Debian: apt-get install fonts-arphic-uming fonts-arphic-ukai fonts-wqy-zenhei)", dirs);
        } else {
            log.info("fonts for printed issues: {}", faces);
        }
    }

    public boolean available() {
        return !faces.isEmpty();
    }

    public Optional<Face> face(Role role) {
        return Optional.ofNullable(faces.get(role));
    }
}
