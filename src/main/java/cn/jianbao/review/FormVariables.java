package cn.jianbao.review;

import cn.jianbao.intake.SubmissionDraft;
import cn.jianbao.intake.SubmissionRejectedException;
import cn.jianbao.process.Processes;
import cn.jianbao.web.Inputs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Reads what a Tasklist form submitted (forms/submit.html, forms/revise.html) into a draft,
 * and removes those variables afterwards: the content lives in our tables, not the engine's.
 */
final class FormVariables {

    static final List<String> FIELDS = Processes.SUBMISSION_START_FORM;

    private FormVariables() {
    }

    /** {@code zone}: where a time typed without an offset was meant (the office's). */
    static SubmissionDraft draft(VariableScope scope, ZoneId zone) {
        List<SubmissionDraft.Upload> files = List.of();
        TypedValue document = scope.getVariableTyped("document");
        if (document instanceof FileValue file && file.getValue() != null) {
            try (InputStream in = file.getValue()) {
                byte[] bytes = in.readAllBytes();
                // Tasklist sends an empty, nameless File when no file was chosen
                boolean nothingChosen = bytes.length == 0 && (file.getFilename() == null || file.getFilename().isBlank());
                if (!nothingChosen) {
                    files = List.of(new SubmissionDraft.Upload(file.getFilename(), bytes));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new SubmissionDraft(string(scope, "title"), string(scope, "kind"), string(scope, "classification"),
                string(scope, "author"), string(scope, "text"), string(scope, "explanation"), eventTime(scope, zone), files,
                string(scope, "urgency"));
    }

    static void remove(VariableScope scope) {
        // only the raw form content; title and kind are set again as list columns afterwards
        scope.removeVariables(FIELDS);
    }

    /** A form field: text or nothing; a number or any other type sent in its place is refused. */
    private static String string(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        if (value != null && !(value instanceof String)) {
            throw new SubmissionRejectedException(name, "“" + name + "”应为文字。");
        }
        return Inputs.text(name, (String) value);
    }

    private static OffsetDateTime eventTime(VariableScope scope, ZoneId zone) {
        Object value = scope.getVariable("eventTime");
        if (value instanceof Date date) {
            return Inputs.year("eventTime", date.toInstant().atZone(zone).toOffsetDateTime());
        }
        if (value instanceof String s && !s.isBlank()) {
            try {
                return Inputs.year("eventTime", OffsetDateTime.parse(s));
            } catch (DateTimeParseException e) {
                try {
                    return Inputs.year("eventTime", LocalDateTime.parse(s).atZone(zone).toOffsetDateTime());
                } catch (DateTimeParseException e2) {
                    throw new SubmissionRejectedException("eventTime", "事件时间格式不正确，应为“2026-11-23T09:30”。");
                }
            }
        }
        if (value != null && !(value instanceof String)) {
            throw new SubmissionRejectedException("eventTime", "事件时间格式不正确，应为“2026-11-23T09:30”。");
        }
        return null;
    }
}
