package cn.jianbao.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Requests Tomcat refuses before the application sees them (a request line or headers too long,
 * e.g. 10,000 characters pasted into the search box; a malformed request) are answered in Chinese
 * like every other error, as problem details for API clients and a short page for browsers, never
 * Tomcat's English report page.
 */
@Component
class ServerErrors implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        // added after Spring Boot's own valve, so it reports first (the innermost valve reports first)
        factory.addContextCustomizers(context -> context.getParent().getPipeline().addValve(new ChineseReport()));
    }

    static final class ChineseReport extends ErrorReportValve {

        ChineseReport() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || response.isCommitted() || !response.setErrorReported()) {
                return;
            }
            String message = switch (status) {
                case 400 -> "请求无法处理：内容太长或格式不正确（例如检索词过长）。请缩短或检查后重试。";
                case 413 -> "提交的内容太大，请减小文件或分次提交。";
                case 414, 431 -> "请求太长（例如检索词过长），请缩短后重试。";
                default -> status >= 500 ? "服务器暂时无法处理请求，请稍后重试。" : "请求无法完成，请检查后重试。";
            };
            String uri = request.getDecodedRequestURI() == null ? "" : request.getDecodedRequestURI();
            String accept = request.getHeader("Accept") == null ? "" : request.getHeader("Accept");
            boolean api = uri.startsWith("/api/") || uri.startsWith("/engine-rest") || uri.contains("/api/engine")
                    || (accept.contains("json") && !accept.contains("text/html"));
            try {
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                response.setContentType(api ? "application/problem+json;charset=UTF-8" : "text/html;charset=UTF-8");
                Writer w = response.getReporter();
                if (w == null) {
                    return;
                }
                if (api) {
                    var problem = new java.util.LinkedHashMap<String, Object>();
                    problem.put("status", status);
                    problem.put("title", status == 400 ? "Bad Request" : "Error");
                    problem.put("detail", message);
                    w.write(JSON.writeValueAsString(problem));
                } else {
                    w.write("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                            + "content=\"width=device-width, initial-scale=1\"><title>请求有误 · 简报信息报送系统</title>"
                            + "<link rel=\"stylesheet\" href=\"/css/jianbao.css\"></head><body><main class=\"page error-page\">"
                            + "<section class=\"card\"><h1>请求无法完成</h1><p>" + message + "</p><p class=\"actions\">"
                            + "<a class=\"button\" href=\"/\">返回首页</a></p></section></main></body></html>");
                }
            } catch (IOException | IllegalStateException e) {
                // the client went away: nothing to tell
            }
        }
    }
}
