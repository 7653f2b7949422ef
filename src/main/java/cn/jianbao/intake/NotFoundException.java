package cn.jianbao.intake;

/** Missing, or not visible to the caller: the two are answered alike so nothing leaks. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
