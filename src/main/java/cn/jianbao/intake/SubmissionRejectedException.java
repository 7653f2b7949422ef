package cn.jianbao.intake;

import cn.jianbao.web.ApiException;
import org.springframework.http.HttpStatus;

/** Bad input from a liaison: the message says, in Chinese, what to change. Nothing was stored. */
public class SubmissionRejectedException extends ApiException {

    public SubmissionRejectedException(String field, String message) {
        super(HttpStatus.BAD_REQUEST, field, message);
    }
}
