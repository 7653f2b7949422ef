package cn.jianbao.web;

import org.springframework.http.HttpStatus;

/** Missing, or not visible to the caller: the two are answered alike so nothing leaks. */
public class NotFoundException extends ApiException {

    public NotFoundException(String message) {
        super(HttpStatus.NOT_FOUND, null, message);
    }
}
