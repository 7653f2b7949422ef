package cn.jianbao.access;

import cn.jianbao.directory.Person;
import cn.jianbao.directory.Role;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who may read what: the one place this is decided. An item gets its reader tokens here
 * (stored with the item and copied into the search index); a person holds tokens; a person
 * reads an item when the two share one. The list (SQL {@code &&}), the page, the download,
 * the issue and the search (Elasticsearch terms filter) all apply that same overlap, so they
 * cannot disagree.
 */
public final class ReadPolicy {

    /** Every signed-in user; the only audience whose content may leave the system. */
    public static final String PUBLIC = "public";
    /** Users of the network's units: internal items once published. */
    public static final String NETWORK = "network";
    /** The coordinating office: editors, signers, administrators and auditors. */
    public static final String OFFICE = "office";

    private ReadPolicy() {
    }

    /** Facts that decide an item's readers; {@code publication} is null until the item is published. */
    public record Item(String unitCode, Classification classification, Publication publication) {
    }

    /** The distribution of the issue an item was published in: unit codes and user ids. */
    public record Publication(Collection<String> units, Collection<String> people) {
    }

    public static String unit(String code) {
        return "unit:" + code;
    }

    public static String user(String userId) {
        return "user:" + userId;
    }

    /**
     * While its path runs (and after a rejection), an item is its unit's and the office's only;
     * once published, its classification decides.
     */
    public static List<String> readers(Item item) {
        Set<String> readers = new LinkedHashSet<>();
        if (item.publication() == null) {
            readers.add(OFFICE);
            readers.add(unit(item.unitCode()));
            return List.copyOf(readers);
        }
        switch (item.classification()) {
            case PUBLIC -> readers.add(PUBLIC);
            case INTERNAL -> readers.add(NETWORK);
            case RESTRICTED -> {
                readers.add(OFFICE);
                readers.add(unit(item.unitCode()));
                item.publication().units().forEach(u -> readers.add(unit(u)));
                item.publication().people().forEach(p -> readers.add(user(p)));
            }
        }
        return List.copyOf(readers);
    }

    /** The tokens a person holds. */
    public static List<String> tokens(Person person) {
        List<String> tokens = new ArrayList<>(List.of(PUBLIC, NETWORK, unit(person.unitCode()), user(person.userId())));
        if (seesEverything(person)) {
            tokens.add(OFFICE);
        }
        return tokens;
    }

    public static boolean canRead(Person person, Collection<String> readers) {
        return tokens(person).stream().anyMatch(readers::contains);
    }

    /**
     * The approval record of an item (its trail, decisions and reasons, who submitted it) is
     * workflow, not content: the office and the item's own unit, among those who may read it.
     */
    public static boolean canReadRecord(Person person, String unitCode, Collection<String> readers) {
        return canRead(person, readers) && (seesEverything(person) || person.unitCode().equals(unitCode));
    }

    /** The office and auditors read every item at every stage. */
    public static boolean seesEverything(Person person) {
        return person.isOffice() || person.is(Role.AUDITOR);
    }
}
