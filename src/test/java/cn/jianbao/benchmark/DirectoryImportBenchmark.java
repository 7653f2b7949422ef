package cn.jianbao.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.testing.JianbaoIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The spreadsheet import at an office's scale: 50 units and 500 people (liaisons and leaders),
 * dry run and import through the HTTP API, each timed. Prints the figures and writes them to
 * target/directory-import-report.txt.
 * <pre>./mvnw verify -Pbenchmark -Dtest=DirectoryImportBenchmark</pre>
 */
@Tag("benchmark")
@JianbaoIntegrationTest
class DirectoryImportBenchmark {

    @Autowired TestRestTemplate http;
    @Autowired ObjectMapper json;

    @Test
    void importsFiveHundredPeople() throws Exception {
        String p = "bm" + UUID.randomUUID().toString().substring(0, 4);
        byte[] file;
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet units = wb.createSheet("单位");
            row(units, 0, "单位编码", "单位名称", "单位类型", "上级单位编码", "排序", "状态");
            Sheet people = wb.createSheet("人员");
            row(people, 0, "用户名", "姓名", "单位编码", "角色", "手机", "邮箱", "状态");
            int r = 1;
            for (int u = 0; u < 50; u++) {
                String code = p + "-u" + u;
                row(units, u + 1, code, "测试单位" + p + u, u % 2 == 0 ? "乡镇街道" : "成员单位", "", String.valueOf(u), "启用");
                for (int i = 0; i < 10; i++) {
                    row(people, r++, code + ".p" + i, "人员" + u + "-" + i, code, i == 0 ? "主管领导" : "信息联络员",
                            "1380000" + String.format("%04d", r), "p" + r + "@example.cn", "启用");
                }
            }
            wb.write(out);
            file = out.toByteArray();
        }
        long t0 = System.nanoTime();
        JsonNode dry = upload(file, true);
        long t1 = System.nanoTime();
        JsonNode done = upload(file, false);
        long t2 = System.nanoTime();
        assertThat(dry.get("summary").get("create").asInt()).isEqualTo(550);
        assertThat(done.get("applied").asBoolean()).isTrue();
        String report = String.format(Locale.ROOT, """
                directory import, 50 units + 500 people (.xlsx, %d KB), over HTTP on the embedded default:
                  dry run (every row checked, all rolled back): %6.1f s
                  import (one transaction, Camunda users and memberships): %6.1f s  (%.1f ms per row)
                """, file.length / 1024, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t2 - t1) / 1e6 / 550);
        System.out.println(report);
        Path out = Path.of(System.getProperty("basedir", "."), "target", "directory-import-report.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
    }

    private JsonNode upload(byte[] file, boolean dryRun) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        var parts = new LinkedMultiValueMap<String, Object>();
        parts.add("file", new ByteArrayResource(file) {
            @Override
            public String getFilename() {
                return "名单.xlsx";
            }
        });
        String body = http.withBasicAuth("admin", "demo").postForObject("/api/directory/import?dryRun=" + dryRun,
                new HttpEntity<>(parts, headers), String.class);
        return json.readTree(body);
    }

    private static void row(Sheet sheet, int index, String... values) {
        Row row = sheet.createRow(index);
        for (int i = 0; i < values.length; i++) {
            row.createCell(i).setCellValue(values[i]);
        }
    }
}
