package cn.jianbao.intake;

/** The item is not in a state where this action makes sense (e.g. revising an item not returned). */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
