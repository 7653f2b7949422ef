package cn.jianbao.publication;

import java.util.List;
import java.util.Map;

/**
 * What an editor compiles: series, title, the items in order with optional headlines, distribution,
 * print run, 编者按 ({@code lead}), numbered copies (份号) and 合报 ({@code mergedInto}: an item's id to
 * the id of the item whose article it joins).
 */
public record IssueDraft(String series, String title, List<String> submissionIds, Map<String, String> headlines,
                         Boolean comprehensive, Distribution distribution, Integer printRun, Boolean toSignOff,
                         String lead, Boolean numberedCopies, Map<String, String> mergedInto) {

    public IssueDraft(String series, String title, List<String> submissionIds, Map<String, String> headlines,
                      Boolean comprehensive, Distribution distribution, Integer printRun, Boolean toSignOff) {
        this(series, title, submissionIds, headlines, comprehensive, distribution, printRun, toSignOff, null, null, null);
    }

    public IssueDraft(String series, String title, List<String> submissionIds, Map<String, String> headlines,
                      Boolean comprehensive, Distribution distribution, Integer printRun, Boolean toSignOff,
                      String lead, Boolean numberedCopies) {
        this(series, title, submissionIds, headlines, comprehensive, distribution, printRun, toSignOff, lead,
                numberedCopies, null);
    }

    /** {@code toSignOff}: composed, and sent to the signer at once (the compile step completed). */
    public IssueDraft(String series, String title, List<String> submissionIds, Map<String, String> headlines,
                      Boolean comprehensive, Distribution distribution, Integer printRun) {
        this(series, title, submissionIds, headlines, comprehensive, distribution, printRun, null);
    }
}
