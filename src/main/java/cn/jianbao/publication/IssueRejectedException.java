package cn.jianbao.publication;

import cn.jianbao.web.ApiException;
import org.springframework.http.HttpStatus;

/** A draft an editor must correct; the message says what, in Chinese. */
public class IssueRejectedException extends ApiException {

    public IssueRejectedException(String field, String message) {
        super(HttpStatus.BAD_REQUEST, field, message);
    }
}
