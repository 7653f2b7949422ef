package cn.jianbao.publication;

import java.util.List;
import java.util.Map;

/** What an editor compiles: series, title, the items in order with optional headlines, distribution. */
public record IssueDraft(String series, String title, List<String> submissionIds, Map<String, String> headlines,
                         Boolean comprehensive, Distribution distribution, Integer printRun, Boolean toSignOff) {

    /** {@code toSignOff}: composed, and sent to the signer at once (the compile step completed). */
    public IssueDraft(String series, String title, List<String> submissionIds, Map<String, String> headlines,
                      Boolean comprehensive, Distribution distribution, Integer printRun) {
        this(series, title, submissionIds, headlines, comprehensive, distribution, printRun, null);
    }
}
