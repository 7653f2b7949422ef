package cn.jianbao.quota;

import cn.jianbao.web.Inputs;
import cn.jianbao.directory.Person;
import cn.jianbao.web.OfficeTime;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Quotas, 催报 and timeliness over HTTP. */
@io.swagger.v3.oas.annotations.tags.Tag(name = "配额与催报")
@RestController
class QuotaController {

    private final Quotas quotas;
    private final QuotaReminders reminders;
    private final TimelinessReport timeliness;
    private final OfficeTime time;

    QuotaController(Quotas quotas, QuotaReminders reminders, TimelinessReport timeliness, OfficeTime time) {
        this.quotas = quotas;
        this.reminders = reminders;
        this.timeliness = timeliness;
        this.time = time;
    }

    @GetMapping("/api/quotas")
    Quotas.Report quotas(@AuthenticationPrincipal Person me, @RequestParam(required = false) String period) {
        return quotas.report(me, period);
    }

    record RemindRequest(String unit) {
    }

    /** 催报 now (the office): the process starts and reminds at once; the leaders follow if still short. */
    @PostMapping("/api/quotas/remind")
    ResponseEntity<Map<String, Object>> remind(@AuthenticationPrincipal Person me,
                                               @RequestBody(required = false) RemindRequest request) {
        String unit = request == null || request.unit() == null || request.unit().isBlank() ? null : request.unit().strip();
        String id = reminders.runNow(me, unit);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("processInstanceId", id));
    }

    @GetMapping("/api/quotas/reminders")
    List<QuotaReminders.Reminder> reminders(@AuthenticationPrincipal Person me,
                                            @RequestParam(required = false) String from,
                                            @RequestParam(required = false) String to) {
        LocalDate today = time.today();
        return reminders.reminders(me, date("from", from, today.minusDays(30)), date("to", to, today));
    }

    @GetMapping("/api/timeliness")
    TimelinessReport.Report timeliness(@AuthenticationPrincipal Person me,
                                       @RequestParam(required = false) String from,
                                       @RequestParam(required = false) String to) {
        return timeliness.report(me, date("from", from, null), date("to", to, null));
    }

    static LocalDate date(String field, String value, LocalDate otherwise) {
        LocalDate day = Inputs.day(field, value);
        return day == null ? otherwise : day;
    }
}
