package cn.jianbao.intake;

import cn.jianbao.system.web.ApiException;
import org.springframework.http.HttpStatus;

/** The item is not in a state where this action makes sense (e.g. revising an item not returned). */
public class ConflictException extends ApiException {

    public ConflictException(String message) {
        super(HttpStatus.CONFLICT, null, message);
    }
}
