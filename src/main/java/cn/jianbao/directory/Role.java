package cn.jianbao.directory;

import java.util.Arrays;
import java.util.Optional;

/** What a person does in the briefing network; each role maps to one Camunda group. */
public enum Role {
    LIAISON("信息联络员"),
    LEADER("主管领导"),
    EDITOR("办公室编辑"),
    SIGNER("签发人"),
    AUDITOR("审计人员"),
    ADMIN("系统管理员");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String code() {
        return name().toLowerCase();
    }

    public static Role of(String code) {
        return valueOf(code.toUpperCase());
    }

    /** A role by its code or its Chinese label (as an office writes it in a spreadsheet). */
    public static Optional<Role> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        return Arrays.stream(values()).filter(r -> r.code().equalsIgnoreCase(t) || r.label.equals(t)).findFirst();
    }

    /** Roles of the coordinating office; the others belong to towns and member units. */
    public boolean officeRole() {
        return this != LIAISON && this != LEADER;
    }

    /** The Camunda group a person of this role in the given unit belongs to. */
    public String groupFor(String unitCode) {
        return switch (this) {
            case LIAISON -> Groups.liaisons(unitCode);
            case LEADER -> Groups.leaders(unitCode);
            case EDITOR -> Groups.EDITORS;
            case SIGNER -> Groups.SIGNERS;
            case AUDITOR -> Groups.AUDITORS;
            case ADMIN -> Groups.ADMINS;
        };
    }
}
