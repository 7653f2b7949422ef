package cn.jianbao.intake;

import cn.jianbao.access.Classification;
import cn.jianbao.intake.extraction.ExtractionProperties;
import cn.jianbao.process.Decision;
import cn.jianbao.process.Processes;
import cn.jianbao.process.TaskKey;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The words and limits our pages and the Tasklist forms show, from the server's enums and
 * settings: one place for labels, so a page never says what the server does not.
 */
@io.swagger.v3.oas.annotations.tags.Tag(name = "信息报送")
@RestController
class MetaController {

    private final SubmissionRules rules;
    private final ExtractionProperties extraction;
    private final String timeZone;

    private final cn.jianbao.directory.Directory directory;

    MetaController(SubmissionRules rules, ExtractionProperties extraction,
                   cn.jianbao.web.OfficeTime officeTime, cn.jianbao.directory.Directory directory) {
        this.directory = directory;
        this.rules = rules;
        this.extraction = extraction;
        this.timeZone = officeTime.zone().getId();
    }

    @GetMapping("/api/meta")
    Map<String, Object> meta() {
        Map<String, Object> m = new LinkedHashMap<>();
        // the network's units (names are no secret inside the system): filters list all of them
        m.put("units", directory.units().stream().filter(u -> u.active() && u.kind() != cn.jianbao.directory.UnitKind.OFFICE)
                .map(u -> Map.of("code", u.code(), "name", u.name(), "kind", u.kind().code())).toList());
        m.put("timeZone", timeZone);
        m.put("maxBodyChars", rules.maxBodyChars());
        m.put("maxFiles", rules.maxFiles());
        m.put("maxFileBytes", extraction.maxFileSize().toBytes());
        m.put("fileTypes", List.of(".docx", ".doc", ".wps", ".pdf", ".ofd", ".odt", ".rtf", ".txt", ".html"));
        m.put("kinds", Arrays.stream(SubmissionKind.values())
                .map(k -> Map.of("code", k.code(), "label", k.label(), "hint", k.hint())).toList());
        m.put("classifications", Arrays.stream(Classification.values())
                .map(c -> Map.of("code", c.code(), "label", c.label())).toList());
        m.put("statuses", Arrays.stream(SubmissionStatus.values())
                .map(s -> Map.of("code", s.code(), "label", s.label())).toList());
        Map<String, String> steps = new LinkedHashMap<>();
        steps.put(Processes.STEP_SUBMIT, Processes.stepLabel(Processes.STEP_SUBMIT));
        Arrays.stream(TaskKey.values()).forEach(t -> steps.put(t.id(), t.label()));
        steps.put(Processes.STEP_PUBLICATION, Processes.stepLabel(Processes.STEP_PUBLICATION));
        m.put("steps", steps);
        Map<String, String> decisions = new LinkedHashMap<>();
        Arrays.stream(Decision.values()).forEach(d -> decisions.put(d.code(), d.label()));
        m.put("decisions", decisions);
        return m;
    }
}
