package cn.jianbao.intake;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** What a liaison sends: typed fields plus zero or more files (the first is the main document). */
public record SubmissionDraft(String title, String kind, String classification, String author, String text,
                              String explanation, OffsetDateTime eventTime, List<Upload> files, String urgency,
                              UUID commissionId) {

    public SubmissionDraft {
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** A routine item (or one whose urgency the form leaves to the default). */
    public SubmissionDraft(String title, String kind, String classification, String author, String text,
                           String explanation, OffsetDateTime eventTime, List<Upload> files) {
        this(title, kind, classification, author, text, explanation, eventTime, files, null, null);
    }

    public SubmissionDraft(String title, String kind, String classification, String author, String text,
                           String explanation, OffsetDateTime eventTime, List<Upload> files, String urgency) {
        this(title, kind, classification, author, text, explanation, eventTime, files, urgency, null);
    }

    /** An uploaded file; its name is made safe to store and show, whichever door it came through. */
    public record Upload(String fileName, byte[] content) {
        public Upload {
            fileName = FileNames.safe(fileName);
        }
    }
}
