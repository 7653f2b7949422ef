package cn.jianbao;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.text.SimpleDateFormat;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/**
 * A day, month or year is the office's (OfficeTime, Beijing by default), never the server's: a
 * server on UTC is still "yesterday" for the first eight hours of a Beijing day. A rule-table
 * version dated by the server's day was refused as "before today" (and accepted for yesterday)
 * after Beijing midnight. Fails when code asks the JVM's default zone for a date.
 */
class OfficeTimeRuleTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.jianbao");

    @Test
    void datesAreTakenInTheOfficesZoneNeverTheServers() {
        noClasses().should().callMethod(LocalDate.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(LocalTime.class, "now")
                .orShould().callMethod(YearMonth.class, "now")
                .orShould().callMethod(Year.class, "now")
                .orShould().callMethod(ZonedDateTime.class, "now")
                .orShould().callMethod(ZoneId.class, "systemDefault")
                .orShould().callMethod(Clock.class, "systemDefaultZone")
                .orShould().callMethod(TimeZone.class, "getDefault")
                .orShould().callMethod(Calendar.class, "getInstance")
                .orShould().callConstructor(SimpleDateFormat.class, String.class)
                .because("the office's day comes from OfficeTime.zone(), whatever zone the server runs in")
                .check(MAIN);
    }
}
