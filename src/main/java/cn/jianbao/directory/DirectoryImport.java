package cn.jianbao.directory;

import cn.jianbao.web.ApiException;
import cn.jianbao.web.BadRequestException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Units and people from the spreadsheet an office already keeps (Apache POI). Every row goes
 * through {@link DirectoryAdmin}, the same checks as a single change, inside one transaction:
 * a dry run rolls it all back and reports what each row would do; a real import commits only if
 * no row is refused, so a file is imported whole or not at all.
 */
@Service
public class DirectoryImport {

    static final String UNITS = "单位";
    static final String PEOPLE = "人员";
    static final List<String> UNIT_COLUMNS = List.of("单位编码", "单位名称", "单位类型", "上级单位编码", "排序", "状态");
    static final List<String> PEOPLE_COLUMNS = List.of("用户名", "姓名", "单位编码", "角色", "手机", "邮箱", "状态");
    /** At the end, so files made from the template before them still import (and leave the accounts as they are). */
    static final List<String> PEOPLE_OPTIONAL_COLUMNS = List.of("企业微信账号", "钉钉账号");
    static final long MAX_BYTES = 5L * 1024 * 1024;
    static final int MAX_ROWS = 5000;

    static {
        // a spreadsheet whose parts inflate more than 100-fold, or to more than 50 MB, is a zip bomb
        ZipSecureFile.setMinInflateRatio(0.01);
        ZipSecureFile.setMaxEntrySize(50L * 1024 * 1024);
    }

    private final DirectoryAdmin admin;
    private final Directory directory;
    private final TransactionTemplate outer;
    private final TransactionTemplate perRow;

    DirectoryImport(DirectoryAdmin admin, Directory directory, PlatformTransactionManager transactions) {
        this.admin = admin;
        this.directory = directory;
        this.outer = new TransactionTemplate(transactions);
        this.perRow = new TransactionTemplate(transactions);
        perRow.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** What happened (or would happen) to one row. {@code action}: create, update, unchanged or refuse. */
    public record RowResult(String sheet, int row, String key, String action, String message) {
    }

    public record Result(boolean dryRun, boolean applied, Map<String, Integer> summary, List<RowResult> rows,
                         List<Map<String, String>> initialPasswords) {
    }

    /** The refusal of a whole import, with every refused row. */
    static final class Refused extends ApiException {
        Refused(Result result) {
            super(HttpStatus.UNPROCESSABLE_ENTITY, "file", "有" + result.summary().get("refuse")
                    + "行不能导入，整个文件都没有导入。请按每行的说明修改后重新导入。");
            with("summary", result.summary());
            with("rows", result.rows().stream().filter(r -> r.action().equals("refuse")).toList());
        }
    }

    public Result run(Person me, String fileName, byte[] content, boolean dryRun) {
        List<String[]> unitRows;
        List<String[]> peopleRows;
        try (Workbook workbook = open(fileName, content)) {
            unitRows = rows(workbook, UNITS, UNIT_COLUMNS, List.of());
            peopleRows = rows(workbook, PEOPLE, PEOPLE_COLUMNS, PEOPLE_OPTIONAL_COLUMNS);
        } catch (IOException e) {
            throw new BadRequestException("file", "无法读取该文件，请用 Excel 或 WPS 另存为 .xlsx 后重新导入。");
        }
        if (unitRows.size() + peopleRows.size() > MAX_ROWS) {
            throw new BadRequestException("file", "一次最多导入" + MAX_ROWS + "行，请分批导入。");
        }
        List<RowResult> results = new ArrayList<>();
        List<Map<String, String>> passwords = new ArrayList<>();
        outer.executeWithoutResult(tx -> {
            Set<String> seen = new HashSet<>();
            for (int i : parentsFirst(unitRows)) {
                results.add(unit(me, i + 2, unitRows.get(i), seen));
            }
            seen.clear();
            for (int i = 0; i < peopleRows.size(); i++) {
                results.add(person(me, i + 2, peopleRows.get(i), seen, passwords));
            }
            if (dryRun || results.stream().anyMatch(r -> r.action().equals("refuse"))) {
                tx.setRollbackOnly();
            }
        });
        results.sort((a, b) -> a.sheet().equals(b.sheet()) ? Integer.compare(a.row(), b.row())
                : a.sheet().equals(UNITS) ? -1 : 1);
        Map<String, Integer> summary = new LinkedHashMap<>();
        for (String action : List.of("create", "update", "unchanged", "refuse")) {
            summary.put(action, (int) results.stream().filter(r -> r.action().equals(action)).count());
        }
        Result result = new Result(dryRun, !dryRun && summary.get("refuse") == 0, summary, results,
                dryRun || summary.get("refuse") > 0 ? List.of() : passwords);
        if (!dryRun && summary.get("refuse") > 0) {
            throw new Refused(result);
        }
        return result;
    }

    private RowResult unit(Person me, int row, String[] c, Set<String> seen) {
        String code = c[0];
        if (!code.isEmpty() && !seen.add(code)) {
            return new RowResult(UNITS, row, code, "refuse", "单位编码“" + code + "”在文件中重复出现。");
        }
        Boolean active = status(c[5]);
        if (active == null) {
            return new RowResult(UNITS, row, code, "refuse", "状态应为“启用”或“停用”。");
        }
        Integer order;
        try {
            order = c[4].isEmpty() ? null : (int) Double.parseDouble(c[4]);
        } catch (NumberFormatException e) {
            return new RowResult(UNITS, row, code, "refuse", "排序应为数字。");
        }
        DirectoryAdmin.UnitDraft draft = new DirectoryAdmin.UnitDraft(code, c[1], c[2], c[3], active, order);
        return inRow(UNITS, row, code, () -> {
            var current = directory.unitDetails(code);
            if (current.isEmpty()) {
                admin.createUnit(me, draft);
                return "create";
            }
            UnitDetails after = admin.updateUnit(me, code, new DirectoryAdmin.UnitDraft(code, c[1], c[2],
                    c[3].isEmpty() ? "" : c[3], active, order));
            return after.equals(current.get()) ? "unchanged" : "update";
        });
    }

    private RowResult person(Person me, int row, String[] c, Set<String> seen, List<Map<String, String>> passwords) {
        String userId = c[0];
        if (!userId.isEmpty() && !seen.add(userId)) {
            return new RowResult(PEOPLE, row, userId, "refuse", "用户名“" + userId + "”在文件中重复出现。");
        }
        Boolean active = status(c[6]);
        if (active == null) {
            return new RowResult(PEOPLE, row, userId, "refuse", "状态应为“启用”或“停用”。");
        }
        List<String> roles = Arrays.stream(c[3].split("[、,，;；/\\s]+")).filter(s -> !s.isBlank()).toList();
        // a sheet without the account columns (an older template) leaves the accounts as they are
        String wecom = c.length > 7 ? c[7] : null;
        String dingtalk = c.length > 8 ? c[8] : null;
        return inRow(PEOPLE, row, userId, () -> {
            var current = directory.details(userId);
            if (current.isEmpty()) {
                DirectoryAdmin.Saved saved = admin.createPerson(me, new DirectoryAdmin.PersonDraft(userId, c[1], c[2],
                        roles, c[4], c[5], null, active, wecom, dingtalk));
                if (saved.initialPassword() != null) {
                    passwords.add(Map.of("userId", userId, "name", saved.person().name(),
                            "initialPassword", saved.initialPassword()));
                }
                return "create";
            }
            PersonDetails after = admin.updatePerson(me, userId, new DirectoryAdmin.PersonDraft(userId, c[1], c[2],
                    roles, c[4], c[5], null, active, wecom, dingtalk));
            return after.equals(current.get()) ? "unchanged" : "update";
        });
    }

    /** One row in a savepoint: a refused row leaves nothing behind and the others go on. */
    private RowResult inRow(String sheet, int row, String key, java.util.function.Supplier<String> action) {
        try {
            String done = perRow.execute(tx -> action.get());
            return new RowResult(sheet, row, key, done, null);
        } catch (ApiException e) {
            return new RowResult(sheet, row, key, "refuse", e.getMessage());
        }
    }

    /** Units whose parent is in the file come after that parent. */
    private static List<Integer> parentsFirst(List<String[]> rows) {
        Map<String, Integer> byCode = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            byCode.putIfAbsent(rows.get(i)[0], i);
        }
        List<Integer> order = new ArrayList<>();
        Set<Integer> placed = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            place(i, rows, byCode, placed, order, new HashSet<>());
        }
        return order;
    }

    private static void place(int i, List<String[]> rows, Map<String, Integer> byCode, Set<Integer> placed,
                              List<Integer> order, Set<Integer> visiting) {
        if (placed.contains(i) || !visiting.add(i)) {
            return; // placed already, or a loop (refused when its row is checked)
        }
        Integer parent = byCode.get(rows.get(i)[3]);
        if (parent != null && parent != i) {
            place(parent, rows, byCode, placed, order, visiting);
        }
        placed.add(i);
        order.add(i);
    }

    private static Boolean status(String text) {
        return switch (text) {
            case "", "启用", "在用", "是", "active", "true", "1" -> true;
            case "停用", "禁用", "否", "inactive", "false", "0" -> false;
            default -> null;
        };
    }

    // --- reading the file ---

    private static Workbook open(String fileName, byte[] content) throws IOException {
        if (content == null || content.length == 0) {
            throw new BadRequestException("file", "请选择要导入的 .xlsx 文件。");
        }
        if (content.length > MAX_BYTES) {
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "file", "文件超过5 MB。单位和人员名单通常不到1 MB，请检查是否选错了文件。");
        }
        if (content.length >= 8 && (content[0] & 0xff) == 0xD0 && (content[1] & 0xff) == 0xCF
                && (content[2] & 0xff) == 0x11 && (content[3] & 0xff) == 0xE0) {
            // an OLE2 container: a password-protected workbook, or an old .xls
            try (var fs = new org.apache.poi.poifs.filesystem.POIFSFileSystem(new ByteArrayInputStream(content))) {
                if (fs.getRoot().hasEntry("EncryptionInfo")) {
                    throw new BadRequestException("file", "文件已加密，请去除密码后重新导入。");
                }
            } catch (IOException e) {
                // not readable as OLE2 either: said below
            }
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "file",
                    "这是旧版 Excel（.xls）或其他格式的文件。请用 Excel 或 WPS 另存为“Excel 工作簿（.xlsx）”后重新导入。");
        }
        if (content.length < 4 || content[0] != 'P' || content[1] != 'K') {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "file",
                    "“" + (fileName == null ? "该文件" : fileName) + "”不是 .xlsx 文件。请用 Excel 或 WPS 另存为“Excel 工作簿（.xlsx）”后重新导入。");
        }
        try {
            return new XSSFWorkbook(new ByteArrayInputStream(content));
        } catch (EncryptedDocumentException e) {
            throw new BadRequestException("file", "文件已加密，请去除密码后重新导入。");
        } catch (IOException | RuntimeException e) {
            if (String.valueOf(e.getMessage()).contains("Zip bomb")) {
                throw new BadRequestException("file", "文件内容异常（解压后体积异常大），已拒绝导入。");
            }
            throw new BadRequestException("file", "文件已损坏或不是有效的 .xlsx 文件，请重新另存后导入。");
        }
    }

    /**
     * The sheet's data rows, each with exactly the expected columns and as many of the optional
     * ones (in their order, after them) as its header has; blank rows are skipped.
     */
    private static List<String[]> rows(Workbook workbook, String name, List<String> required, List<String> optional) {
        Sheet sheet = workbook.getSheet(name);
        if (sheet == null) {
            throw new BadRequestException("file", "文件中没有名为“" + name + "”的工作表。请下载模板，按模板填写。");
        }
        DataFormatter format = new DataFormatter();
        Row header = sheet.getRow(sheet.getFirstRowNum());
        List<String> found = new ArrayList<>();
        for (int i = 0; header != null && i < required.size(); i++) {
            found.add(format.formatCellValue(header.getCell(i)).strip());
        }
        if (!found.equals(required)) {
            throw new BadRequestException("file", "工作表“" + name + "”的列不对：应为 " + String.join("、", required)
                    + (optional.isEmpty() ? "" : "（可选：" + String.join("、", optional) + "）")
                    + "（第一行为表头），实际为 " + String.join("、", found) + "。请使用模板。");
        }
        List<String> columns = new ArrayList<>(required);
        for (String o : optional) {
            String cell = header == null ? "" : format.formatCellValue(header.getCell(columns.size())).strip();
            if (!cell.equals(o)) {
                break;
            }
            columns.add(o);
        }
        List<String[]> rows = new ArrayList<>();
        for (int r = sheet.getFirstRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            String[] cells = new String[columns.size()];
            boolean blank = true;
            for (int i = 0; i < columns.size(); i++) {
                Cell cell = row == null ? null : row.getCell(i);
                cells[i] = format.formatCellValue(cell).strip();
                blank &= cells[i].isEmpty();
            }
            if (!blank) {
                rows.add(cells);
            }
            if (rows.size() > MAX_ROWS) {
                break;
            }
        }
        return rows;
    }

    // --- the template ---

    byte[] template(boolean withData) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle bold = wb.createCellStyle();
            Font font = wb.createFont();
            font.setBold(true);
            bold.setFont(font);
            Sheet units = sheet(wb, UNITS, UNIT_COLUMNS, bold);
            List<String> peopleColumns = new ArrayList<>(PEOPLE_COLUMNS);
            peopleColumns.addAll(PEOPLE_OPTIONAL_COLUMNS);
            Sheet people = sheet(wb, PEOPLE, peopleColumns, bold);
            choices(units, 2, "乡镇街道", "成员单位", "协调办公室");
            choices(units, 5, "启用", "停用");
            choices(people, 6, "启用", "停用");
            if (withData) {
                int r = 1;
                for (UnitDetails u : directory.units()) {
                    fill(units.createRow(r++), u.code(), u.name(), u.kind().label(),
                            Objects.toString(u.parentCode(), ""), String.valueOf(u.order()), u.active() ? "启用" : "停用");
                }
                r = 1;
                for (PersonDetails p : directory.people(null, null, null, 100_000)) {
                    fill(people.createRow(r++), p.userId(), p.name(), p.unit().code(),
                            String.join("、", p.sortedRoles().stream().map(Role::label).toList()),
                            Objects.toString(p.phone(), ""), Objects.toString(p.email(), ""), p.active() ? "启用" : "停用",
                            Objects.toString(p.wecomUserId(), ""), Objects.toString(p.dingtalkUserId(), ""));
                }
            }
            Sheet help = wb.createSheet("说明");
            String[] lines = {
                    "单位和人员导入说明",
                    "1. “单位”表：单位编码为小写字母、数字、下划线或连字符（如 huangjiang），导入后不能修改；单位类型为乡镇街道、成员单位或协调办公室；上级单位编码可空。",
                    "2. “人员”表：用户名为字母、数字、点、下划线或连字符（如 zhangsan），导入后不能修改；角色可填多个，用顿号分隔：信息联络员、主管领导、办公室编辑、签发人、审计人员、系统管理员。",
                    "3. 信息联络员、主管领导属于乡镇街道或成员单位；办公室编辑、签发人、审计人员、系统管理员属于协调办公室。审计人员不兼任其他角色。每个单位宜有1–2名信息联络员和1名主管领导。",
                    "4. 已有的单位和人员按表中内容更新；停用的人员不能登录，其报送和审批记录保留。",
                    "5. 新人员的初始密码在导入完成后显示一次，首次登录须修改。",
                    "6. 企业微信账号、钉钉账号（可空）为该人员在本单位企业微信或钉钉中的账号（UserID），用于发送应用消息和从消息直接登录；留空即不登记。没有这两列的旧模板仍可导入，已登记的账号保持不变。",
                    "7. 请先“试导入”，核对每一行的结果，再正式导入；有任何一行不能导入时，整个文件都不会导入。"};
            for (int i = 0; i < lines.length; i++) {
                help.createRow(i).createCell(0).setCellValue(lines[i]);
            }
            help.setColumnWidth(0, 160 * 256);
            wb.write(out);
            return out.toByteArray();
        }
    }

    private static Sheet sheet(XSSFWorkbook wb, String name, List<String> columns, CellStyle bold) {
        Sheet sheet = wb.createSheet(name);
        Row header = sheet.createRow(0);
        for (int i = 0; i < columns.size(); i++) {
            Cell cell = header.createCell(i);
            cell.setCellValue(columns.get(i));
            cell.setCellStyle(bold);
            sheet.setColumnWidth(i, 18 * 256);
        }
        sheet.createFreezePane(0, 1);
        return sheet;
    }

    private static void choices(Sheet sheet, int column, String... values) {
        DataValidationHelper helper = sheet.getDataValidationHelper();
        var validation = helper.createValidation(helper.createExplicitListConstraint(values),
                new CellRangeAddressList(1, MAX_ROWS, column, column));
        validation.setShowErrorBox(true);
        sheet.addValidationData(validation);
    }

    private static void fill(Row row, String... values) {
        for (int i = 0; i < values.length; i++) {
            row.createCell(i).setCellValue(values[i]);
        }
    }
}
