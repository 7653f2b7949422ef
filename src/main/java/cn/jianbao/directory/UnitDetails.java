package cn.jianbao.directory;

/**
 * A unit as the directory keeps it: its place in the tree, its order, whether it is active, and the
 * short name its 报送编号 begin with (黄江 for 黄江镇).
 */
public record UnitDetails(String code, String name, UnitKind kind, String parentCode, boolean active, int order,
                          String shortName) {

    public Unit unit() {
        return new Unit(code, name, kind);
    }
}
