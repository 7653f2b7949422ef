package cn.jianbao.web;

import org.springframework.http.HttpStatus;

/**
 * The caller's role may not do this at all, whatever the target: safe to say so, since the
 * answer does not depend on whether the target exists. Refusals that depend on the target are
 * {@link NotFoundException}s.
 */
public class ForbiddenException extends ApiException {

    public ForbiddenException(String message) {
        super(HttpStatus.FORBIDDEN, null, message);
    }
}
