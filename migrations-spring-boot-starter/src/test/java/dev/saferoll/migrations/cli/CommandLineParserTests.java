package dev.saferoll.migrations.cli;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.MigrationVersion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CommandLineParserTests {

    @Test
    void recognisesCommandsByTheirFirstNonOptionArgument() {
        assertThat(CommandLineParser.isCommand(List.of("db:status"))).isTrue();
        assertThat(CommandLineParser.isCommand(List.of("--server.port=0", "make:migration", "X"))).isTrue();
        assertThat(CommandLineParser.isCommand(List.of("--server.port=0"))).isFalse();
        assertThat(CommandLineParser.isCommand(List.of())).isFalse();
        assertThat(CommandLineParser.isCommand(List.of("serve", "db:status"))).isFalse();
    }

    @Test
    void parsesMigrateWithItsFlags() {
        assertThat(parse("db:migrate")).isEqualTo(new Command.Migrate(false, null, null));
        assertThat(parse("db:migrate", "--dry-run")).isEqualTo(new Command.Migrate(true, null, null));
        assertThat(parse("db:migrate", "--target=2024_01_15_143000"))
            .isEqualTo(new Command.Migrate(false, MigrationVersion.fromTimestamp("2024_01_15_143000"), null));
        assertThat(parse("db:migrate", "--step=1")).isEqualTo(new Command.Migrate(false, null, 1));
    }

    @Test
    void migrateTakesATargetOrAStepCountNotBoth() {
        assertThatExceptionOfType(CommandUsageException.class)
            .isThrownBy(() -> parse("db:migrate", "--step=1", "--target=2024_01_15_143000"))
            .withMessageContaining("not both");
        assertThatExceptionOfType(CommandUsageException.class).isThrownBy(() -> parse("db:migrate", "--step=0"))
            .withMessageContaining("'0'");
    }

    @Test
    void anUnknownOptionWithoutADotIsAUsageErrorNotASpringProperty() {
        assertThatExceptionOfType(CommandUsageException.class).isThrownBy(() -> parse("db:migrate", "--stpe=1"))
            .withMessageContaining("--stpe")
            .withMessageContaining("--step=...");
        assertThatExceptionOfType(CommandUsageException.class).isThrownBy(() -> parse("db:migrate", "--force"))
            .withMessageContaining("--force");
        assertThat(parse("db:status", "--logging.level.root=warn")).isEqualTo(new Command.Status());
    }

    @Test
    void leavesSpringPropertiesToSpringBoot() {
        assertThat(parse("--server.port=0", "db:status", "--spring.profiles.active=prod", "--debug"))
            .isEqualTo(new Command.Status());
    }

    @Test
    void rollsBackOneStepByDefault() {
        assertThat(parse("db:rollback")).isEqualTo(new Command.Rollback(1, false, false, false));
        assertThat(parse("db:rollback", "3", "--force", "--dry-run"))
            .isEqualTo(new Command.Rollback(3, true, true, false));
        assertThat(parse("db:rollback", "--step=2")).isEqualTo(new Command.Rollback(2, false, false, false));
    }

    @Test
    void passingTheDataLossGuardNeedsItsOwnFlag() {
        assertThat(parse("db:rollback", "--force")).isEqualTo(new Command.Rollback(1, true, false, false));
        assertThat(parse("db:rollback", "--allow-data-loss")).isEqualTo(new Command.Rollback(1, false, false, true));
    }

    @Test
    void rejectsStepsThatAreNotAPositiveWholeNumber() {
        for (String steps : List.of("abc", "0", "-1", "1.5", "99999999999")) {
            assertThatExceptionOfType(CommandUsageException.class).isThrownBy(() -> parse("db:rollback", steps))
                .withMessageContaining("Invalid steps '" + steps + "'");
        }
    }

    @Test
    void rejectsAVersionOfTheWrongForm() {
        assertThatExceptionOfType(CommandUsageException.class).isThrownBy(() -> parse("db:reset", "2024-01-15"))
            .withMessageContaining("db:reset")
            .withMessageContaining("'2024-01-15'")
            .withMessageContaining(MigrationVersion.FORMAT);
        assertThatExceptionOfType(CommandUsageException.class).isThrownBy(() -> parse("db:baseline", "2024_02_30_000000"))
            .withMessageContaining("not a real date");
    }

    @Test
    void requiresTheVersionOfResetAndBaseline() {
        assertThat(parse("db:reset", "2024_01_15_143000"))
            .isEqualTo(new Command.Reset(MigrationVersion.fromTimestamp("2024_01_15_143000")));
        assertThat(parse("db:baseline", "2024_01_15_143000"))
            .isEqualTo(new Command.Baseline(MigrationVersion.fromTimestamp("2024_01_15_143000")));
        assertThatExceptionOfType(CommandUsageException.class).isThrownBy(() -> parse("db:reset"))
            .withMessageContaining("db:reset needs VERSION");
    }

    @Test
    void parsesMakeMigration() {
        assertThat(parse("make:migration", "CreateInvoicesTable", "Billing"))
            .isEqualTo(new Command.MakeMigration("CreateInvoicesTable", "Billing", false));
        assertThat(parse("make:migration", "AddNicknameToUsersTable", "--reversible"))
            .isEqualTo(new Command.MakeMigration("AddNicknameToUsersTable", null, true));
    }

    @Test
    void rejectsMigrationNamesThatAreNotUpperCamelCaseIdentifiers() {
        for (String name : List.of("createInvoices", "Create-Invoices", "1Create", "Create Invoices", "Créer")) {
            assertThatExceptionOfType(CommandUsageException.class)
                .isThrownBy(() -> parse("make:migration", name))
                .withMessageContaining("'" + name + "'")
                .withMessageContaining("UpperCamelCase");
        }
        assertThatExceptionOfType(CommandUsageException.class)
            .isThrownBy(() -> parse("make:migration", "CreateInvoicesTable", "billing"))
            .withMessageContaining("Invalid domain 'billing'");
    }

    @Test
    void rejectsUnknownCommandsOptionsAndExtraArguments() {
        assertThatExceptionOfType(CommandUsageException.class).isThrownBy(() -> parse("db:explode"))
            .withMessageContaining("Unknown command 'db:explode'");
        assertThatExceptionOfType(CommandUsageException.class).isThrownBy(() -> parse("db:rollback", "--forse"))
            .withMessageContaining("Unknown option '--forse' for db:rollback")
            .withMessageContaining("--force");
        assertThatExceptionOfType(CommandUsageException.class).isThrownBy(() -> parse("db:status", "now"))
            .withMessageContaining("takes no arguments but got 'now'");
        assertThatExceptionOfType(CommandUsageException.class).isThrownBy(() -> parse("db:rollback", "1", "2"))
            .withMessageContaining("extra argument '2'");
        assertThatExceptionOfType(CommandUsageException.class).isThrownBy(() -> parse("db:migrate", "--target"))
            .withMessageContaining("needs a value");
    }

    @Test
    void usageListsEveryCommand() {
        assertThat(CommandLineParser.usage("java -jar app.jar")).contains("java -jar app.jar", "db:migrate",
                "db:status", "db:rollback", "db:fresh", "db:reset", "db:baseline", "make:migration", "db:help");
    }

    private static Command parse(String... args) {
        return CommandLineParser.parse(List.of(args));
    }
}
