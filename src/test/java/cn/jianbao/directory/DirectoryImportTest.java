package cn.jianbao.directory;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.testing.JianbaoIntegrationTest;
import cn.jianbao.testing.TestDocuments;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The spreadsheet import over HTTP with generated .xlsx files: a good file, its dry run, each
 * kind of bad row and each kind of bad file. Nothing is imported unless everything can be.
 */
@JianbaoIntegrationTest
class DirectoryImportTest {

    @Autowired TestRestTemplate http;
    @Autowired ObjectMapper json;
    @Autowired JdbcClient jdbc;
    @Autowired IdentityService identity;

    /** A workbook as an office fills in the template: header row, then data rows. */
    static byte[] workbook(List<String[]> units, List<String[]> people) throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            fill(wb.createSheet("单位"), DirectoryImport.UNIT_COLUMNS.toArray(String[]::new), units);
            fill(wb.createSheet("人员"), DirectoryImport.PEOPLE_COLUMNS.toArray(String[]::new), people);
            wb.write(out);
            return out.toByteArray();
        }
    }

    private static void fill(Sheet sheet, String[] header, List<String[]> rows) {
        List<String[]> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (int r = 0; r < all.size(); r++) {
            Row row = sheet.createRow(r);
            for (int c = 0; c < all.get(r).length; c++) {
                row.createCell(c).setCellValue(all.get(r)[c]);
            }
        }
    }

    ResponseEntity<String> upload(String user, byte[] file, String name, boolean dryRun) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        var parts = new LinkedMultiValueMap<String, Object>();
        parts.add("file", new ByteArrayResource(file) {
            @Override
            public String getFilename() {
                return name;
            }
        });
        return http.withBasicAuth(user, "demo").postForEntity("/api/directory/import?dryRun=" + dryRun,
                new HttpEntity<>(parts, headers), String.class);
    }

    JsonNode body(ResponseEntity<String> r) throws Exception {
        return json.readTree(r.getBody());
    }

    long units(String prefix) {
        return jdbc.sql("select count(*) from unit where code like ?").param(prefix + "%").query(Long.class).single();
    }

    long people(String prefix) {
        return jdbc.sql("select count(*) from person where user_id like ?").param(prefix + "%").query(Long.class).single();
    }

    @Test
    void aGoodFileIsPreviewedThenImportedWholeWithCamundaKeptInStep() throws Exception {
        String p = "im" + UUID.randomUUID().toString().substring(0, 5);
        byte[] file = workbook(
                List.of(new String[] {p + "-sub", "东街社区" + p, "乡镇街道", p + "-town", "20", "启用"},  // child before its parent
                        new String[] {p + "-town", "东城街道" + p, "乡镇街道", "", "10", "启用"}),
                List.of(new String[] {p + ".li", "陈联络", p + "-town", "信息联络员", "13800000000", "chen@example.cn", "启用"},
                        new String[] {p + ".ld", "林领导", p + "-town", "主管领导", "", "", ""},
                        new String[] {p + ".sub", "吴联络", p + "-sub", "信息联络员", "", "", "启用"},
                        new String[] {"huangjiang-liaison", "黄江镇信息员", "huangjiang", "信息联络员", "0769-1234567", "", "启用"}));

        ResponseEntity<String> preview = upload("admin", file, "名单.xlsx", true);
        assertThat(preview.getStatusCode().value()).as(preview.getBody()).isEqualTo(200);
        JsonNode dry = body(preview);
        assertThat(dry.get("dryRun").asBoolean()).isTrue();
        assertThat(dry.get("applied").asBoolean()).isFalse();
        assertThat(dry.get("summary").get("create").asInt()).isEqualTo(5);
        assertThat(dry.get("summary").get("update").asInt()).isEqualTo(1); // the phone of an existing liaison
        assertThat(dry.get("summary").get("refuse").asInt()).isZero();
        assertThat(units(p)).isZero();
        assertThat(people(p)).isZero();
        assertThat(identity.createUserQuery().userId(p + ".li").count()).isZero();

        ResponseEntity<String> imported = upload("admin", file, "名单.xlsx", false);
        assertThat(imported.getStatusCode().value()).as(imported.getBody()).isEqualTo(200);
        JsonNode done = body(imported);
        assertThat(done.get("applied").asBoolean()).isTrue();
        assertThat(units(p)).isEqualTo(2);
        assertThat(people(p)).isEqualTo(3);
        assertThat(jdbc.sql("select parent_code from unit where code = ?").param(p + "-sub").query(String.class).single())
                .isEqualTo(p + "-town");
        assertThat(identity.createGroupQuery().groupMember(p + ".ld").list()).extracting("id")
                .containsExactly(p + "-town-leaders");
        assertThat(done.get("initialPasswords")).hasSize(3);
        // an imported person logs in with the password shown once, and must change it first
        String password = done.get("initialPasswords").get(0).get("initialPassword").asText();
        String userId = done.get("initialPasswords").get(0).get("userId").asText();
        JsonNode me = json.readTree(http.withBasicAuth(userId, password).getForObject("/api/me", String.class));
        assertThat(me.get("mustChangePassword").asBoolean()).isTrue();

        // importing the same file again changes nothing
        JsonNode again = body(upload("admin", file, "名单.xlsx", true));
        assertThat(again.get("summary").get("unchanged").asInt()).isEqualTo(6);
    }

    @Test
    void everyKindOfBadRowIsNamedWithItsReasonAndNothingIsImported() throws Exception {
        String p = "bad" + UUID.randomUUID().toString().substring(0, 5);
        byte[] file = workbook(
                List.of(new String[] {p + "-a", "甲镇", "乡镇街道", "", "", "启用"},
                        new String[] {p + "-a", "甲镇重复", "乡镇街道", "", "", "启用"},
                        new String[] {p + "-b", "乙镇", "村委会", "", "", "启用"},
                        new String[] {"BAD CODE", "丙镇", "乡镇街道", "", "", "启用"},
                        new String[] {p + "-c", "丁镇", "乡镇街道", p + "-none", "", "启用"},
                        new String[] {p + "-d", "", "乡镇街道", "", "", "启用"},
                        new String[] {p + "-e", "戊镇", "乡镇街道", "", "", "暂停"}),
                List.of(new String[] {p + ".1", "一号", p + "-a", "信息联络员", "", "", "启用"},
                        new String[] {p + ".1", "一号重复", p + "-a", "信息联络员", "", "", "启用"},
                        new String[] {p + ".2", "二号", "nowhere", "信息联络员", "", "", "启用"},
                        new String[] {p + ".3", "三号", p + "-a", "镇长", "", "", "启用"},
                        new String[] {p + ".4", "四号", p + "-a", "办公室编辑", "", "", "启用"},
                        new String[] {p + ".5", "五号", "office", "审计人员、签发人", "", "", "启用"},
                        new String[] {p + ".6", "", p + "-a", "信息联络员", "", "", "启用"},
                        new String[] {p + ".7", "七号", p + "-a", "信息联络员", "", "电邮", "启用"}));
        JsonNode dry = body(upload("admin", file, "坏名单.xlsx", true));
        List<String> refused = new ArrayList<>();
        dry.get("rows").forEach(r -> {
            if (r.get("action").asText().equals("refuse")) {
                refused.add(r.get("sheet").asText() + r.get("row").asInt() + ":" + r.get("message").asText());
            }
        });
        assertThat(refused).hasSize(13);
        assertThat(String.join("\n", refused)).contains("重复出现", "村委会", "格式不正确", "不存在", "请填写名称",
                "状态应为", "镇长", "协调办公室", "审计人员", "电子邮箱");
        assertThat(dry.get("summary").get("create").asInt()).isEqualTo(2);

        ResponseEntity<String> refusedImport = upload("admin", file, "坏名单.xlsx", false);
        assertThat(refusedImport.getStatusCode().value()).isEqualTo(422);
        assertThat(body(refusedImport).get("detail").asText()).contains("整个文件都没有导入");
        assertThat(body(refusedImport).get("rows")).hasSize(13);
        assertThat(units(p)).isZero();
        assertThat(people(p)).isZero();
    }

    @Nested
    class BadFiles {

        void refused(byte[] file, String name, int status, String message) throws Exception {
            long before = jdbc.sql("select count(*) from person").query(Long.class).single();
            ResponseEntity<String> r = upload("admin", file, name, false);
            assertThat(r.getStatusCode().value()).as(name + " " + r.getBody()).isEqualTo(status);
            assertThat(body(r).get("detail").asText()).as(name).contains(message);
            assertThat(jdbc.sql("select count(*) from person").query(Long.class).single()).isEqualTo(before);
        }

        @Test
        void wrongColumnsMissingSheetsOtherFormatsEncryptedLargeAndBombFilesAreRefused() throws Exception {
            byte[] wrongColumns;
            try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
                fill(wb.createSheet("单位"), new String[] {"编码", "名称"}, List.of());
                fill(wb.createSheet("人员"), DirectoryImport.PEOPLE_COLUMNS.toArray(String[]::new), List.of());
                wb.write(out);
                wrongColumns = out.toByteArray();
            }
            refused(wrongColumns, "列不对.xlsx", 400, "列不对");
            byte[] noPeople;
            try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
                fill(wb.createSheet("单位"), DirectoryImport.UNIT_COLUMNS.toArray(String[]::new), List.of());
                wb.write(out);
                noPeople = out.toByteArray();
            }
            refused(noPeople, "缺工作表.xlsx", 400, "人员");
            refused("用户名,姓名\nzhang,张三\n".getBytes(StandardCharsets.UTF_8), "名单.csv", 415, "不是 .xlsx");
            refused(TestDocuments.docx("这是一个 Word 文件"), "名单.xlsx", 400, "不是有效的 .xlsx");
            refused(new byte[0], "空.xlsx", 400, "请选择");
            refused(encrypted(workbook(List.of(), List.of())), "加密.xlsx", 400, "已加密");
            byte[] big = new byte[6 * 1024 * 1024];
            big[0] = 'P';
            big[1] = 'K';
            refused(big, "大文件.xlsx", 413, "5 MB");
            refused(bomb(), "炸弹.xlsx", 400, "异常");
        }

        /** The encrypted form Excel writes for a password-protected workbook (an OLE2 container). */
        byte[] encrypted(byte[] xlsx) throws Exception {
            try (POIFSFileSystem fs = new POIFSFileSystem(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
                EncryptionInfo info = new EncryptionInfo(EncryptionMode.agile);
                Encryptor encryptor = info.getEncryptor();
                encryptor.confirmPassword("mima");
                try (OPCPackage opc = OPCPackage.open(new ByteArrayInputStream(xlsx));
                     OutputStream os = encryptor.getDataStream(fs)) {
                    opc.save(os);
                }
                fs.writeFilesystem(out);
                return out.toByteArray();
            }
        }

        /** A real workbook whose sheet XML inflates from tens of KB to 60 MB. */
        byte[] bomb() throws Exception {
            byte[] xlsx = workbook(List.of(), List.of());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(xlsx));
                 ZipOutputStream zip = new ZipOutputStream(out)) {
                ZipEntry e;
                while ((e = in.getNextEntry()) != null) {
                    zip.putNextEntry(new ZipEntry(e.getName()));
                    if (e.getName().equals("xl/worksheets/sheet1.xml")) {
                        zip.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData/><!--"
                                .getBytes(StandardCharsets.UTF_8));
                        byte[] filler = new byte[1 << 20];
                        java.util.Arrays.fill(filler, (byte) 'a');
                        for (int i = 0; i < 60; i++) {
                            zip.write(filler);
                        }
                        zip.write("--></worksheet>".getBytes(StandardCharsets.UTF_8));
                    } else {
                        in.transferTo(zip);
                    }
                    zip.closeEntry();
                }
            }
            return out.toByteArray();
        }
    }

    @Test
    void theTemplateIsAWorkbookWithTheColumnsTheImportReads() throws Exception {
        ResponseEntity<byte[]> r = http.withBasicAuth("admin", "demo").getForEntity("/api/directory/template.xlsx?data=true",
                byte[].class);
        assertThat(r.getStatusCode().value()).isEqualTo(200);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(r.getBody()))) {
            assertThat(wb.getSheet("单位").getRow(0).getCell(0).getStringCellValue()).isEqualTo("单位编码");
            assertThat(wb.getSheet("人员").getRow(0).getCell(3).getStringCellValue()).isEqualTo("角色");
            assertThat(wb.getSheet("说明")).isNotNull();
            assertThat(wb.getSheet("人员").getLastRowNum()).isPositive();
        }
        // today's directory, exported and imported again unchanged, is all "unchanged"
        JsonNode dry = body(upload("admin", r.getBody(), "单位和人员.xlsx", true));
        assertThat(dry.get("summary").get("refuse").asInt()).as(dry.toString()).isZero();
        assertThat(dry.get("summary").get("create").asInt()).isZero();
    }
}
