package cn.jianbao.web;

import org.springframework.http.HttpStatus;

/** Input that cannot be accepted as sent; the message names the field and what to change. */
public class BadRequestException extends ApiException {

    public BadRequestException(String field, String message) {
        super(HttpStatus.BAD_REQUEST, field, message);
    }
}
