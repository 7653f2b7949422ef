package cn.jianbao.directory;

/** A unit as the directory keeps it: its place in the tree, its order, whether it is active. */
public record UnitDetails(String code, String name, UnitKind kind, String parentCode, boolean active, int order) {

    public Unit unit() {
        return new Unit(code, name, kind);
    }
}
