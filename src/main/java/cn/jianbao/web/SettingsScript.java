package cn.jianbao.web;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The settings our scripts need before they render anything, as a script our pages and
 * Tasklist load first: a fetch would leave the first rendering in the wrong time zone.
 */
@RestController
class SettingsScript {

    private final String script;

    SettingsScript(OfficeTime time) {
        // a ZoneId's id holds only letters, digits and / + - _ : safe inside a JS string
        this.script = "window.JIANBAO_SETTINGS = {\"timeZone\": \"" + time.zone().getId() + "\"};\n";
    }

    @GetMapping("/js/settings.js")
    ResponseEntity<String> script() {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache())
                .contentType(new MediaType("text", "javascript", java.nio.charset.StandardCharsets.UTF_8))
                .body(script);
    }
}
