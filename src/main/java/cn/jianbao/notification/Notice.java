package cn.jianbao.notification;

import cn.jianbao.access.Classification;
import java.util.UUID;

/**
 * What happened, told to people: a kind, a sentence ({@code what}, written by the feature, never
 * an item's text), optionally the item's title and classification (which decide whether the title
 * may be shown at all) and a link into our pages. {@link Notifications} composes what each channel
 * carries from these, so no feature can put an item's content on a chat channel.
 */
public record Notice(Kind kind, String what, String title, Classification classification, UUID submissionId,
                     String link, String taskId) {

    public Notice(Kind kind, String what, String title, Classification classification, UUID submissionId, String link) {
        this(kind, what, title, classification, submissionId, link, null);
    }

    public enum Kind {
        /** A step waits for the person (or their group): decided once, the notice is done for all. */
        TASK("待办"),
        RETURNED("退回修改"),
        TASK_OVERDUE("待办超时"),
        QUOTA_REMINDER("催报"),
        ISSUE_DELIVERED("新简报"),
        READ_REMINDER("催阅"),
        LATE_MAJOR("重大事项迟报"),
        COMMISSION("约稿");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public String code() {
            return name().toLowerCase();
        }
    }

    /** A notice about no particular item. */
    public static Notice of(Kind kind, String what, String link) {
        return new Notice(kind, what, null, null, null, link);
    }

    /** A notice about an item, whose title appears only as far as its classification allows. */
    public static Notice about(Kind kind, String what, UUID submissionId, String title, Classification classification) {
        return new Notice(kind, what, title, classification, submissionId, "/items/" + submissionId);
    }

    /** A step waiting: its link is the step's form; the notice is withdrawn when someone decides. */
    public static Notice forTask(Kind kind, String what, String taskId, UUID submissionId, String title,
                                 Classification classification) {
        return new Notice(kind, what, title, classification, submissionId, "/tasks/" + taskId, taskId);
    }

    /** Inside the system: the title, except for a restricted item (its readers open the link). */
    String inApp() {
        if (title == null) {
            return what;
        }
        return classification == Classification.RESTRICTED ? what + "（限定范围信息，标题不在通知中显示）"
                : what + "：《" + title + "》";
    }

    /** Leaving the system (mail, chat robots): a public item's title at most, never any text. */
    String outside(String baseUrl) {
        return card() + (link == null ? "" : "。请登录系统查看：" + baseUrl + link);
    }

    /**
     * An application message's sentence (a WeCom or DingTalk card): the outside text without the
     * link, which the card's button carries through the platform's sign-in.
     */
    String card() {
        String line = title != null && classification == Classification.PUBLIC ? what + "：《" + title + "》" : what;
        return "【简报系统】" + line;
    }
}
