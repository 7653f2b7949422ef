package cn.jianbao.quota;

import cn.jianbao.access.ReadPolicy;
import cn.jianbao.directory.Person;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** The office's dashboard: the page and its data (see {@link Overview}). */
@io.swagger.v3.oas.annotations.tags.Tag(name = "配额与催报")
@Controller
class Dashboard {

    private final Overview overview;

    Dashboard(Overview overview) {
        this.overview = overview;
    }

    @GetMapping("/dashboard")
    String page(@AuthenticationPrincipal Person me, HttpServletResponse response) throws IOException {
        if (!ReadPolicy.seesEverything(me)) {
            response.sendError(403);
            return null;
        }
        return "forward:/dashboard.html";
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "工作概况：本期报送、采用、按时率，单位定额表，近12周趋势，需关注的单位")
    @GetMapping("/api/dashboard")
    @ResponseBody
    Overview.View view(@AuthenticationPrincipal Person me, @RequestParam(required = false) String period) {
        return overview.of(me, period);
    }
}
