package cn.jianbao.web;

import org.springframework.http.HttpStatus;

/** The target is not in a state where this action makes sense (e.g. revising an item not returned). */
public class ConflictException extends ApiException {

    public ConflictException(String message) {
        super(HttpStatus.CONFLICT, null, message);
    }
}
