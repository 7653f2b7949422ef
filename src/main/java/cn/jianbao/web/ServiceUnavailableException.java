package cn.jianbao.web;

import org.springframework.http.HttpStatus;

/** Something the server needs is missing for now (a font, a service); the request may succeed later. */
public class ServiceUnavailableException extends ApiException {

    public ServiceUnavailableException(String message) {
        super(HttpStatus.SERVICE_UNAVAILABLE, null, message);
    }
}
