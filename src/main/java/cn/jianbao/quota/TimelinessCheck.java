package cn.jianbao.quota;

import cn.jianbao.assessment.RuleBook;
import cn.jianbao.assessment.RuleTable;
import cn.jianbao.directory.Role;
import cn.jianbao.intake.Submission;
import cn.jianbao.intake.SubmissionReceived;
import cn.jianbao.intake.SubmissionService;
import cn.jianbao.intake.Timeliness;
import cn.jianbao.intake.Urgency;
import cn.jianbao.notification.Notice;
import cn.jianbao.notification.Notifications;
import cn.jianbao.web.OfficeTime;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A new item's deadline: its event time plus the hours the report deadline table gives its urgency
 * (the version in force on the day it was submitted). A late major event is flagged to the office
 * at once (seed 003: 不迟报).
 */
@Component
class TimelinessCheck {

    private final RuleBook rules;
    private final SubmissionService submissions;
    private final Notifications notifications;
    private final OfficeTime time;

    TimelinessCheck(RuleBook rules, SubmissionService submissions, Notifications notifications, OfficeTime time) {
        this.rules = rules;
        this.submissions = submissions;
        this.notifications = notifications;
        this.time = time;
    }

    @EventListener
    void received(SubmissionReceived e) {
        if (e.eventTime() == null) {
            return; // without an event time, nobody can say whether it came late
        }
        RuleBook.Answer a = rules.evaluate(RuleTable.REPORT_DEADLINE, e.urgency().code(),
                e.submittedAt().atZoneSameInstant(time.zone()).toLocalDate());
        OffsetDateTime deadline = e.eventTime().plus(Duration.ofSeconds(Math.round(a.value() * 3600)));
        // late by any fraction of a second counts, as a whole second
        long late = e.submittedAt().isAfter(deadline)
                ? Math.max(1, (Duration.between(deadline, e.submittedAt()).toMillis() + 999) / 1000) : 0;
        submissions.recordTimeliness(e.id(), deadline, late);
        if (late > 0 && e.urgency() == Urgency.MAJOR) {
            Submission s = submissions.require(e.id());
            notifications.send(Role.EDITOR, null, Notice.about(Notice.Kind.LATE_MAJOR,
                    s.unit().name() + "报送的重大突发事件（" + s.number() + "）迟报" + Timeliness.label(late), s.id(), s.title(),
                    s.classification()));
        }
    }
}
