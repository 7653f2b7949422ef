package cn.jianbao.platforms;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.directory.DirectoryAdmin;
import cn.jianbao.intake.SubmissionDraft;
import cn.jianbao.intake.SubmissionService;
import cn.jianbao.testing.JianbaoIntegrationTest;
import cn.jianbao.testing.TestPlatforms;
import cn.jianbao.testing.Users;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Approvals where the approvers are: a task notice reaches a leader as a WeCom text card and a
 * DingTalk work notice (through a local server that answers as the platforms' documents say,
 * expired tokens included), the card's button signs them in through the platform's web
 * authorisation and opens the step; every way a sign-in can go wrong is refused; a DingTalk
 * group robot with 加签 gets a signed URL.
 */
@JianbaoIntegrationTest
class PlatformsTest {

    @LocalServerPort int port;
    @Autowired TestRestTemplate http;
    @Autowired JdbcClient jdbc;
    @Autowired SubmissionService submissions;
    @Autowired Users users;
    @Autowired DirectoryAdmin directoryAdmin;
    @Autowired ObjectMapper json;

    /** A fresh town: a liaison, and a leader whose WeCom and DingTalk accounts the directory knows. */
    private record Town(String unit, String liaison, String leader, String wecom, String dingtalk) {
    }

    private Town freshTown() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String unit = "p" + tag;
        directoryAdmin.ensureUnit(new DirectoryAdmin.UnitDraft(unit, "平台镇" + tag, "town", null, true, 900));
        Town town = new Town(unit, unit + "-liaison", unit + "-leader", "wx." + tag + "@zf", "dt_" + tag);
        directoryAdmin.ensurePerson(new DirectoryAdmin.PersonDraft(town.liaison(), "联络员" + tag, unit,
                List.of("liaison"), null, null, "demo", true));
        directoryAdmin.ensurePerson(new DirectoryAdmin.PersonDraft(town.leader(), "领导" + tag, unit, List.of("leader"),
                null, null, "demo", true, town.wecom(), town.dingtalk()));
        return town;
    }

    private UUID submit(Town town, String title, String classification) {
        return submissions.submit(users.person(town.liaison()), new SubmissionDraft(title, "dynamic", classification,
                null, title + "的正文，只在系统内。", null, null, List.of()), null).submission().id();
    }

    private String stepOf(Town town, UUID item) {
        JsonNode tasks = http.withBasicAuth(town.leader(), "demo").getForObject("/api/tasks?subjectId=" + item, JsonNode.class);
        assertThat(tasks.size()).isOne();
        return tasks.get(0).get("id").asText();
    }

    private static void await(String what, BooleanSupplier condition) {
        org.awaitility.Awaitility.await(what).atMost(java.time.Duration.ofSeconds(20)).pollInterval(java.time.Duration.ofMillis(100)).until(condition::getAsBoolean);
    }

    private static JsonNode awaitOne(String what, List<JsonNode> arrived, Predicate<JsonNode> which) throws InterruptedException {
        try {
            await(what, () -> List.copyOf(arrived).stream().anyMatch(which));
        } catch (AssertionError e) {
            throw new AssertionError(what + " did not arrive among " + arrived + " (WeCom asked " + TestPlatforms.wecomCalls
                    + ", DingTalk " + TestPlatforms.dingtalkCalls + ")", e);
        }
        return List.copyOf(arrived).stream().filter(which).findFirst().orElseThrow();
    }

    private String signInLink(String platform, String link) {
        return "http://localhost:8080/auth/" + platform + "?to=" + URLEncoder.encode(link, StandardCharsets.UTF_8);
    }

    @Test
    void aTaskNoticeReachesTheLeaderAsAWeComCardAndADingTalkWorkNoticeAfterAFreshToken() throws Exception {
        Town town = freshTown();
        int wecomFrom = TestPlatforms.wecomCalls.size();
        int dingtalkFrom = TestPlatforms.dingtalkCalls.size();
        TestPlatforms.expireNextSends();

        // a title someone typed is shown as text on the cards, never taken for markup or a link there
        String title = "平台公开标题" + town.unit() + "[详见](https://evil.example)<b>";
        String asHtml = "平台公开标题" + town.unit() + "[详见](https://evil.example)＜b＞"; // WeCom's card: a few HTML tags
        String asMarkdown = "平台公开标题" + town.unit() + "［详见］(https://evil.example)＜b＞"; // DingTalk's: markdown
        UUID item = submit(town, title, "public");
        String link = "/tasks/" + stepOf(town, item);

        JsonNode card = awaitOne("the WeCom card", TestPlatforms.wecomMessages,
                m -> m.path("touser").asText().equals(town.wecom()));
        assertThat(card.get("msgtype").asText()).isEqualTo("textcard");
        assertThat(card.get("agentid").asInt()).isEqualTo(TestPlatforms.WECOM_AGENT);
        assertThat(card.at("/textcard/title").asText()).isEqualTo("简报信息报送系统");
        assertThat(card.at("/textcard/description").asText()).contains("待您审批", "《" + asHtml + "》")
                .doesNotContain("正文").doesNotContain("<").doesNotContain("http://localhost");
        assertThat(card.at("/textcard/url").asText()).isEqualTo(signInLink("wecom", link));
        assertThat(card.at("/textcard/btntxt").asText()).isEqualTo("办理");

        JsonNode notice = awaitOne("the DingTalk work notice", TestPlatforms.dingtalkMessages,
                m -> m.path("userid_list").asText().equals(town.dingtalk()));
        assertThat(notice.get("agent_id").asText()).isEqualTo(String.valueOf(TestPlatforms.DINGTALK_AGENT));
        assertThat(notice.at("/msg/msgtype").asText()).isEqualTo("action_card");
        assertThat(notice.at("/msg/action_card/title").asText()).isEqualTo("简报信息报送系统");
        assertThat(notice.at("/msg/action_card/markdown").asText()).contains("待您审批", "《" + asMarkdown + "》")
                .doesNotContain("正文").doesNotContain("[");
        assertThat(notice.at("/msg/action_card/single_url").asText()).isEqualTo(signInLink("dingtalk", link));

        // the token was fetched, the platform said it expired, a new one was fetched and the message sent again
        assertThat(TestPlatforms.wecomCalls.subList(wecomFrom, TestPlatforms.wecomCalls.size()))
                .containsSubsequence("send:42001", "gettoken", "send:0");
        assertThat(TestPlatforms.dingtalkCalls.subList(dingtalkFrom, TestPlatforms.dingtalkCalls.size()))
                .containsSubsequence("send:42001", "gettoken", "send:0");
        assertThat(TestPlatforms.wecomCalls).contains("gettoken");

        // the leader sees the two deliveries as sent, and the channels on the settings page
        await("both application deliveries sent", () -> jdbc.sql("""
                select count(*) from notification_delivery where recipient = ? and channel in ('wecom-app', 'dingtalk-app')
                and status = 'sent' and link = ?""").params(town.leader(), link).query(Long.class).single() == 2);
        JsonNode deliveries = http.withBasicAuth(town.leader(), "demo").getForObject("/api/notifications/deliveries",
                JsonNode.class);
        List<String> labels = new ArrayList<>();
        deliveries.forEach(d -> labels.add(d.get("channelLabel").asText() + ":" + d.get("target").asText()));
        assertThat(labels).contains("企业微信:" + town.wecom(), "钉钉:" + town.dingtalk());
        JsonNode settings = http.withBasicAuth(town.leader(), "demo").getForObject("/api/me/notification-settings",
                JsonNode.class);
        assertThat(settings.get("available").toString()).contains("\"wecom\"", "\"dingtalk\"");
        assertThat(settings.get("apps").get(0).get("configured").asBoolean()).isTrue();
        assertThat(settings.get("apps").get(0).get("account").asText()).isEqualTo(town.wecom());
        // the liaison has no accounts entered: the columns stay closed for them
        JsonNode liaison = http.withBasicAuth(town.liaison(), "demo").getForObject("/api/me/notification-settings",
                JsonNode.class);
        assertThat(liaison.get("available").toString()).doesNotContain("wecom").doesNotContain("dingtalk");
        // a kind sent only to WeCom is honoured, and channels are checked
        ResponseEntity<JsonNode> only = http.withBasicAuth(town.leader(), "demo").exchange("/api/me/notification-settings",
                HttpMethod.PUT, new HttpEntity<>(Map.of("email", false, "kinds", Map.of("task", List.of("app", "wecom")))),
                JsonNode.class);
        assertThat(only.getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<JsonNode> unknown = http.withBasicAuth(town.leader(), "demo").exchange("/api/me/notification-settings",
                HttpMethod.PUT, new HttpEntity<>(Map.of("kinds", Map.of("task", List.of("sms")))), JsonNode.class);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknown.getBody().get("detail").asText()).contains("企业微信（wecom）", "钉钉（dingtalk）");
    }

    @Test
    void aRestrictedItemsCardsCarryNoTitle() throws Exception {
        Town town = freshTown();
        String title = "平台限定标题" + town.unit();
        UUID item = submit(town, title, "restricted");
        String link = "/tasks/" + stepOf(town, item);
        JsonNode card = awaitOne("the WeCom card", TestPlatforms.wecomMessages,
                m -> m.at("/textcard/url").asText().equals(signInLink("wecom", link)));
        JsonNode notice = awaitOne("the DingTalk work notice", TestPlatforms.dingtalkMessages,
                m -> m.at("/msg/action_card/single_url").asText().equals(signInLink("dingtalk", link)));
        for (JsonNode m : List.of(card, notice)) {
            assertThat(m.toString()).contains("待您审批").doesNotContain(title).doesNotContain("正文");
        }
    }

    // --- the directory keeps the accounts ---

    private ResponseEntity<JsonNode> patch(String userId, Map<String, Object> body) {
        return http.withBasicAuth("admin", "demo").exchange("/api/people/" + userId, HttpMethod.PATCH,
                new HttpEntity<>(body), JsonNode.class);
    }

    /** A 人员 sheet with these columns and rows, and an empty 单位 sheet. */
    private static byte[] peopleSheet(List<String> columns, List<List<String>> rows) throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Row unitHeader = wb.createSheet("单位").createRow(0);
            List<String> unitColumns = List.of("单位编码", "单位名称", "单位类型", "上级单位编码", "排序", "状态");
            for (int i = 0; i < unitColumns.size(); i++) {
                unitHeader.createCell(i).setCellValue(unitColumns.get(i));
            }
            Sheet people = wb.createSheet("人员");
            List<List<String>> all = new ArrayList<>();
            all.add(columns);
            all.addAll(rows);
            for (int r = 0; r < all.size(); r++) {
                Row row = people.createRow(r);
                for (int c = 0; c < all.get(r).size(); c++) {
                    row.createCell(c).setCellValue(all.get(r).get(c));
                }
            }
            wb.write(out);
            return out.toByteArray();
        }
    }

    private ResponseEntity<JsonNode> importFile(byte[] file) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("file", new ByteArrayResource(file) {
            @Override
            public String getFilename() {
                return "people.xlsx";
            }
        });
        return http.withBasicAuth("admin", "demo").postForEntity("/api/directory/import?dryRun=false",
                new HttpEntity<>(parts, headers), JsonNode.class);
    }

    private Map<String, Object> accounts(String userId) {
        return jdbc.sql("select wecom_user_id, dingtalk_user_id from person where user_id = ?").param(userId)
                .query((rs, i) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("wecom", rs.getString(1));
                    m.put("dingtalk", rs.getString(2));
                    return m;
                }).single();
    }

    @Test
    void theDirectoryKeepsEachPersonsAccountsChecksThemAndImportsThemFromOldAndNewSheets() throws Exception {
        Town town = freshTown();
        Town other = freshTown();
        // shown to the administrator, changed, cleared, refused when malformed or someone else's
        JsonNode people = http.withBasicAuth("admin", "demo").getForObject("/api/people?unit=" + town.unit(), JsonNode.class);
        JsonNode leader = null;
        for (JsonNode p : people) {
            leader = p.get("userId").asText().equals(town.leader()) ? p : leader;
        }
        assertThat(leader.get("wecomUserId").asText()).isEqualTo(town.wecom());
        assertThat(leader.get("dingtalkUserId").asText()).isEqualTo(town.dingtalk());
        ResponseEntity<JsonNode> changed = patch(town.liaison(), Map.of("wecomUserId", "Li.Si-1@gov", "dingtalkUserId", "0123_45"));
        assertThat(changed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(changed.getBody().get("wecomUserId").asText()).isEqualTo("Li.Si-1@gov");
        ResponseEntity<JsonNode> malformed = patch(town.liaison(), Map.of("wecomUserId", "李四 x"));
        assertThat(malformed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(malformed.getBody().get("detail").asText()).contains("企业微信账号", "格式不正确");
        ResponseEntity<JsonNode> tooLong = patch(town.liaison(), Map.of("dingtalkUserId", "d".repeat(65)));
        assertThat(tooLong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        ResponseEntity<JsonNode> taken = patch(other.liaison(), Map.of("wecomUserId", town.wecom()));
        assertThat(taken.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(taken.getBody().get("detail").asText()).contains("已登记给", town.leader());
        assertThat(patch(town.liaison(), Map.of("dingtalkUserId", "")).getBody().has("dingtalkUserId")).isFalse();
        assertThat(accounts(town.liaison())).containsEntry("wecom", "Li.Si-1@gov").containsEntry("dingtalk", null);

        // an older sheet without the two columns imports, and leaves the accounts as they are
        List<String> old = List.of("用户名", "姓名", "单位编码", "角色", "手机", "邮箱", "状态");
        ResponseEntity<JsonNode> oldImport = importFile(peopleSheet(old, List.of(
                List.of(town.leader(), "新名字" + town.unit(), town.unit(), "主管领导", "", "", "启用"))));
        assertThat(oldImport.getStatusCode()).as(String.valueOf(oldImport.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(accounts(town.leader())).containsEntry("wecom", town.wecom()).containsEntry("dingtalk", town.dingtalk());
        // the current template has them at the end: set, changed and cleared from the sheet
        List<String> current = new ArrayList<>(old);
        current.addAll(List.of("企业微信账号", "钉钉账号"));
        ResponseEntity<JsonNode> newImport = importFile(peopleSheet(current, List.of(
                List.of(town.leader(), "新名字" + town.unit(), town.unit(), "主管领导", "", "", "启用", "wx-new-" + town.unit(), ""),
                List.of(town.unit() + "-new", "新人" + town.unit(), town.unit(), "信息联络员", "", "", "启用", "",
                        "dt-new-" + town.unit()))));
        assertThat(newImport.getStatusCode()).as(String.valueOf(newImport.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(accounts(town.leader())).containsEntry("wecom", "wx-new-" + town.unit()).containsEntry("dingtalk", null);
        assertThat(accounts(town.unit() + "-new")).containsEntry("wecom", null).containsEntry("dingtalk", "dt-new-" + town.unit());
        // someone else's account in a sheet is a refused row
        ResponseEntity<JsonNode> clash = importFile(peopleSheet(current, List.of(
                List.of(other.leader(), "领导", other.unit(), "主管领导", "", "", "启用", "wx-new-" + town.unit(), ""))));
        assertThat(clash.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(clash.getBody().toString()).contains("已登记给");
        // the template and the export carry the columns
        ResponseEntity<byte[]> export = http.withBasicAuth("admin", "demo").getForEntity("/api/directory/template.xlsx?data=true",
                byte[].class);
        try (XSSFWorkbook wb = new XSSFWorkbook(new java.io.ByteArrayInputStream(export.getBody()))) {
            Sheet sheet = wb.getSheet("人员");
            Row header = sheet.getRow(0);
            assertThat(header.getCell(7).getStringCellValue()).isEqualTo("企业微信账号");
            assertThat(header.getCell(8).getStringCellValue()).isEqualTo("钉钉账号");
            boolean found = false;
            for (Row row : sheet) {
                if (row.getCell(0).getStringCellValue().equals(town.leader())) {
                    assertThat(row.getCell(7).getStringCellValue()).isEqualTo("wx-new-" + town.unit());
                    found = true;
                }
            }
            assertThat(found).isTrue();
        }
    }

    // --- signing in from a message ---

    /** A browser: its own cookies, redirects not followed. */
    private final class Browser {
        final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(String path) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        String session() {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("SESSION"))
                    .map(HttpCookie::getValue).findFirst().orElse(null);
        }

        /** Who the API says this browser is: a user id, or the status when nobody. */
        String me() throws Exception {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/me"))
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? json.readTree(r.body()).get("userId").asText() : "HTTP " + r.statusCode();
        }

        /** Starts the sign-in: the platform's authorisation address, whose state the platform would hand back. */
        String start(String platform, String to) throws Exception {
            HttpResponse<String> r = get("/auth/" + platform + "?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8));
            assertThat(r.statusCode()).isEqualTo(302);
            return r.headers().firstValue("Location").orElseThrow();
        }

        HttpResponse<String> callback(String platform, String code, String state) throws Exception {
            return get("/auth/" + platform + "/callback?code=" + URLEncoder.encode(code, StandardCharsets.UTF_8)
                    + "&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8));
        }
    }

    private static Map<String, String> query(String url) {
        Map<String, String> out = new LinkedHashMap<>();
        String q = URI.create(url).getRawQuery();
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void aWeComMemberSignsInFromTheCardAndLandsOnTheStep() throws Exception {
        Town town = freshTown();
        Browser browser = new Browser();
        String authorize = browser.start("wecom", "/tasks/x");
        assertThat(authorize).startsWith(TestPlatforms.base() + "/connect/oauth2/authorize?appid=" + TestPlatforms.CORP_ID
                + "&redirect_uri=" + URLEncoder.encode("http://localhost:8080/auth/wecom/callback", StandardCharsets.UTF_8)
                + "&response_type=code&scope=snsapi_base&state=").endsWith("&agentid=" + TestPlatforms.WECOM_AGENT
                + "#wechat_redirect");
        String state = query(authorize.substring(0, authorize.indexOf('#'))).get("state");
        assertThat(state).hasSizeGreaterThan(20);
        String before = browser.session();
        assertThat(before).isNotNull();
        assertThat(browser.me()).isEqualTo("HTTP 401");

        String code = TestPlatforms.wecomCode(town.wecom());
        HttpResponse<String> landed = browser.callback("wecom", code, state);
        assertThat(landed.statusCode()).isEqualTo(302);
        assertThat(landed.headers().firstValue("Location")).hasValue("/tasks/x");
        assertThat(browser.session()).isNotNull().isNotEqualTo(before); // a new session id: no fixation
        assertThat(browser.me()).isEqualTo(town.leader());
        assertThat(browser.get("/tasks").statusCode()).isEqualTo(200);

        // the same code again, even with a good state, signs nobody in; the platform is not even asked
        Browser replay = new Browser();
        String replayState = query(replay.start("wecom", "/tasks/x").split("#")[0]).get("state");
        long asked = TestPlatforms.wecomCalls.stream().filter(c -> c.startsWith("getuserinfo")).count();
        HttpResponse<String> again = replay.callback("wecom", code, replayState);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(again.body()).contains("登录链接已失效，请重新从消息打开");
        assertThat(TestPlatforms.wecomCalls.stream().filter(c -> c.startsWith("getuserinfo")).count()).isEqualTo(asked);
        assertThat(replay.me()).isEqualTo("HTTP 401");

        // a state that is not the session's
        Browser wrong = new Browser();
        wrong.start("wecom", "/tasks/x");
        HttpResponse<String> wrongState = wrong.callback("wecom", TestPlatforms.wecomCode(town.wecom()), "not-the-state");
        assertThat(wrongState.statusCode()).isEqualTo(400);
        assertThat(wrongState.body()).contains("登录链接已失效，请重新从消息打开");
        assertThat(wrong.me()).isEqualTo("HTTP 401");
        // nor a state without a session that started it
        Browser stranger = new Browser();
        assertThat(stranger.callback("wecom", TestPlatforms.wecomCode(town.wecom()), state).statusCode()).isEqualTo(400);
        assertThat(stranger.me()).isEqualTo("HTTP 401");

        // a code WeCom does not know (40029)
        Browser invalid = new Browser();
        String invalidState = query(invalid.start("wecom", "/").split("#")[0]).get("state");
        HttpResponse<String> bad = invalid.callback("wecom", "no-such-code", invalidState);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("登录链接已失效");
        assertThat(TestPlatforms.wecomCalls).contains("getuserinfo:40029");

        // nothing of this counted against the leader's password
        assertThat(jdbc.sql("select count(*) from login_failure where kind = 'account' and key = ?")
                .param(town.leader()).query(Long.class).single()).isZero();
    }

    @Test
    void unknownInactiveAndOutsidePeopleAreRefusedWithNoSession() throws Exception {
        Town town = freshTown();
        // an account nobody here holds
        assertRefusedForUnknown(TestPlatforms.wecomCode("wx-nobody-" + town.unit()));
        // someone outside the organisation (WeCom answers an openid only)
        assertRefusedForUnknown(TestPlatforms.wecomOutsiderCode());
        // a person who has left
        String gone = town.unit() + "-gone";
        directoryAdmin.ensurePerson(new DirectoryAdmin.PersonDraft(gone, "已调离" + town.unit(), town.unit(),
                List.of("leader"), null, null, "demo", true, "wx-gone-" + town.unit(), null));
        directoryAdmin.updatePerson(DirectoryAdmin.SYSTEM, gone, new DirectoryAdmin.PersonDraft(null, null, null, null,
                null, null, null, false));
        assertRefusedForUnknown(TestPlatforms.wecomCode("wx-gone-" + town.unit()));
    }

    private void assertRefusedForUnknown(String code) throws Exception {
        Browser browser = new Browser();
        String state = query(browser.start("wecom", "/tasks/x").split("#")[0]).get("state");
        HttpResponse<String> r = browser.callback("wecom", code, state);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("该企业微信账号未在本系统登记或已停用，请联系管理员");
        assertThat(r.headers().firstValue("Location")).isEmpty();
        assertThat(browser.me()).isEqualTo("HTTP 401");
    }

    @Test
    void onlyOurOwnPagesAreLandedOn() throws Exception {
        Town town = freshTown();
        for (String to : List.of("https://evil.example/", "//evil.example/tasks", "/\\evil.example", "javascript:alert(1)")) {
            Browser browser = new Browser();
            String state = query(browser.start("wecom", to).split("#")[0]).get("state");
            HttpResponse<String> r = browser.callback("wecom", TestPlatforms.wecomCode(town.wecom()), state);
            assertThat(r.statusCode()).as(to).isEqualTo(302);
            assertThat(r.headers().firstValue("Location")).as(to).hasValue("/");
            assertThat(browser.me()).isEqualTo(town.leader());
        }
    }

    @Test
    void aDingTalkUserSignsInThroughTheUnionId() throws Exception {
        Town town = freshTown();
        Browser browser = new Browser();
        String authorize = browser.start("dingtalk", "/tasks/y?from=card");
        assertThat(authorize).startsWith(TestPlatforms.base() + "/connect/oauth2/sns_authorize?appid=" + TestPlatforms.APP_KEY
                + "&response_type=code&scope=snsapi_auth&state=");
        Map<String, String> q = query(authorize);
        assertThat(q.get("redirect_uri")).isEqualTo("http://localhost:8080/auth/dingtalk/callback");
        HttpResponse<String> landed = browser.callback("dingtalk", TestPlatforms.dingtalkCode(town.dingtalk()), q.get("state"));
        assertThat(landed.statusCode()).as(landed.body()).isEqualTo(302);
        assertThat(landed.headers().firstValue("Location")).hasValue("/tasks/y?from=card");
        assertThat(browser.me()).isEqualTo(town.leader());
        // the code was signed for with the app's key and secret, the unionid looked up with the app's token
        assertThat(TestPlatforms.dingtalkCalls).contains("getuserinfo_bycode:0", "getbyunionid:0");

        // a DingTalk user who is nobody in the organisation, and one the directory does not know
        for (String code : List.of(TestPlatforms.dingtalkOutsiderCode(), TestPlatforms.dingtalkCode("dt-nobody-" + town.unit()))) {
            Browser other = new Browser();
            String state = query(other.start("dingtalk", "/")).get("state");
            HttpResponse<String> r = other.callback("dingtalk", code, state);
            assertThat(r.statusCode()).as(TestPlatforms.dingtalkCalls.toString()).isEqualTo(403);
            assertThat(r.body()).contains("该钉钉账号未在本系统登记或已停用，请联系管理员");
            assertThat(other.me()).isEqualTo("HTTP 401");
        }
    }

    @Test
    void aDingTalkRobotWithASecretGetsASignedUrlAndTheSecretIsNotShownBack() throws Exception {
        Town town = freshTown();
        String key = "robot" + town.unit();
        String secret = "SEC" + UUID.randomUUID().toString().replace("-", "") + "c0ffee";
        TestPlatforms.robot(key, secret);
        String url = TestPlatforms.base() + "/robot/send?access_token=" + key;
        ResponseEntity<JsonNode> chosen = http.withBasicAuth(town.liaison(), "demo").exchange("/api/me/notification-settings",
                HttpMethod.PUT, new HttpEntity<>(Map.of("email", false,
                        "webhook", Map.of("kind", "dingtalk", "url", url, "secret", secret))), JsonNode.class);
        assertThat(chosen.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(chosen.getBody().toString()).doesNotContain(secret);
        assertThat(chosen.getBody().at("/webhook/secretSet").asBoolean()).isTrue();
        assertThat(chosen.getBody().at("/webhook/secretHint").asText()).isEqualTo("SEC…ffee");
        // saved again without a secret (the page does so): the secret stays
        http.withBasicAuth(town.liaison(), "demo").exchange("/api/me/notification-settings", HttpMethod.PUT,
                new HttpEntity<>(Map.of("email", false, "webhook", Map.of("kind", "dingtalk", "url", url))), JsonNode.class);
        assertThat(http.withBasicAuth(town.liaison(), "demo").getForObject("/api/me/notification-settings", JsonNode.class)
                .at("/webhook/secretSet").asBoolean()).isTrue();
        // a WeCom robot has no secret
        ResponseEntity<JsonNode> wecom = http.withBasicAuth(town.liaison(), "demo").exchange("/api/me/notification-settings",
                HttpMethod.PUT, new HttpEntity<>(Map.of("webhook", Map.of("kind", "wecom", "url", url, "secret", secret))),
                JsonNode.class);
        assertThat(wecom.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        // a return reaches the liaison through the robot, on a signed URL
        UUID item = submit(town, "加签" + town.unit(), "public");
        String step = stepOf(town, item);
        ResponseEntity<JsonNode> returned = http.withBasicAuth(town.leader(), "demo").postForEntity(
                "/api/tasks/" + step + "/decision", Map.of("decision", "return", "comment", "请补充"), JsonNode.class);
        assertThat(returned.getStatusCode()).isEqualTo(HttpStatus.OK);
        await("the robot's message", () -> TestPlatforms.robotCalls.stream().anyMatch(c -> key.equals(c.get("access_token"))));
        Map<String, String> call = TestPlatforms.robotCalls.stream().filter(c -> key.equals(c.get("access_token")))
                .findFirst().orElseThrow();
        assertThat(call.get("signed")).isEqualTo("true");
        long timestamp = Long.parseLong(call.get("timestamp"));
        assertThat(Math.abs(System.currentTimeMillis() - timestamp)).isLessThan(60_000);
        assertThat(call.get("sign")).isEqualTo(TestPlatforms.sign(secret, timestamp + "\n" + secret));
        assertThat(json.readTree(call.get("body")).at("/text/content").asText()).contains("退回修改");
        await("the robot delivery recorded as sent", () -> jdbc.sql("""
                select count(*) from notification_delivery where recipient = ? and channel = 'dingtalk' and status = 'sent'""")
                .param(town.liaison()).query(Long.class).single() == 1);
    }
}
