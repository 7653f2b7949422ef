package cn.jianbao.directory;

public record Unit(String code, String name, UnitKind kind) implements java.io.Serializable {
}
