package dev.saferoll.migrations.autoconfigure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.Migrations;

/**
 * What Saferoll found to run, and the startup checks that keep it from doing nothing without a word:
 * <ul>
 * <li>migrations but no {@code DataSource} fail the startup ({@link MigrationsDataSourceMissingException});</li>
 * <li>no migrations at all log one INFO line that says where Saferoll looked;</li>
 * <li>a class under the application's packages that implements {@link Migration} but is not a bean gets a WARN
 * naming it, because nothing runs it.</li>
 * </ul>
 * Each place migrations come from is a {@link Source}; a new kind of migration (SQL files, say) adds one.
 */
final class MigrationsDiscovery implements SmartInitializingSingleton {

    private static final Log logger = LogFactory.getLog(MigrationsDiscovery.class);

    private final List<Source> sources;

    private final ListableBeanFactory beanFactory;

    private final ObjectProvider<Migrations> migrations;

    private final List<String> packages;

    private final ResourceLoader resourceLoader;

    private final Environment environment;

    private final boolean commandMode;

    /**
     * @param sources where migrations come from
     * @param beanFactory the application's beans
     * @param migrations the facade, absent when there is no {@code DataSource}
     * @param packages the application's packages, scanned for classes that implement {@link Migration}
     * @param commandMode whether the application runs a {@code db:*} or {@code make:*} command, which reports for
     * itself
     */
    MigrationsDiscovery(List<Source> sources, ListableBeanFactory beanFactory, ObjectProvider<Migrations> migrations,
            List<String> packages, ResourceLoader resourceLoader, Environment environment, boolean commandMode) {
        this.sources = List.copyOf(sources);
        this.beanFactory = beanFactory;
        this.migrations = migrations;
        this.packages = List.copyOf(packages);
        this.resourceLoader = resourceLoader;
        this.environment = environment;
        this.commandMode = commandMode;
    }

    /** Whether any source has a migration: when none has, there is nothing to run. */
    boolean foundAny() {
        return this.sources.stream().anyMatch((source) -> !source.found().isEmpty());
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (this.commandMode) {
            return;
        }
        List<String> strays = strays();
        if (!strays.isEmpty()) {
            boolean one = strays.size() == 1;
            logger.warn(String.join(", ", strays) + (one ? " implements Migration but is not a bean, so Saferoll does"
                    + " not run it. Annotate it with @Component, or declare it as a @Bean."
                    : " implement Migration but are not beans, so Saferoll does not run them. Annotate each with"
                            + " @Component, or declare each as a @Bean."));
        }
        Migrations facade = this.migrations.getIfAvailable();
        if (facade == null) {
            List<String> found = new ArrayList<>();
            this.sources.forEach((source) -> found.addAll(source.found()));
            if (!found.isEmpty()) {
                throw new MigrationsDataSourceMissingException(found,
                        Arrays.asList(this.beanFactory.getBeanNamesForType(DataSource.class, true, false)));
            }
            return;
        }
        if (!foundAny() && strays.isEmpty()) {
            logger.info("No migrations found, so none ran. Saferoll looked for " + whereItLooked()
                    + ". Write one with make:migration, for example: make:migration CreateUsersTable User");
        }
    }

    private String whereItLooked() {
        List<String> places = new ArrayList<>(this.sources.stream().map(Source::location).toList());
        if (!this.packages.isEmpty()) {
            places.add("classes implementing Migration in " + String.join(", ", this.packages));
        }
        return String.join(", and ", places);
    }

    /** The classes under the application's packages that implement Migration and that nothing runs. */
    List<String> strays() {
        if (this.packages.isEmpty()) {
            return List.of();
        }
        Set<String> registered = registeredClassNames();
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false,
                this.environment);
        scanner.setResourceLoader(this.resourceLoader);
        scanner.addIncludeFilter(new AssignableTypeFilter(Migration.class));
        Set<String> strays = new TreeSet<>();
        for (String basePackage : this.packages) {
            for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
                String className = candidate.getBeanClassName();
                if (className != null && !registered.contains(className)) {
                    strays.add(className);
                }
            }
        }
        return List.copyOf(strays);
    }

    private Set<String> registeredClassNames() {
        Set<String> names = new LinkedHashSet<>();
        for (String name : this.beanFactory.getBeanNamesForType(Migration.class, true, false)) {
            Class<?> type = this.beanFactory.getType(name, false);
            if (type != null) {
                names.add(ClassUtils.getUserClass(type).getName());
            }
        }
        Migrations facade = this.migrations.getIfAvailable();
        if (facade != null) {
            // A user-defined facade may hold migrations that are not beans.
            facade.getConfiguration()
                .migrations()
                .forEach((migration) -> names.add(ClassUtils.getUserClass(migration).getName()));
        }
        return names;
    }

    /** One place migrations come from. */
    interface Source {

        /** Where it looks, for the log, for example {@code Migration beans}. */
        String location();

        /** What it found there, one name each; empty when nothing. */
        List<String> found();
    }

    /** The {@link Migration} beans: their bean names. */
    static Source beans(ListableBeanFactory beanFactory) {
        return new Source() {

            @Override
            public String location() {
                return "Migration beans";
            }

            @Override
            public List<String> found() {
                return List.of(beanFactory.getBeanNamesForType(Migration.class, true, false));
            }
        };
    }

    /**
     * The migrations a facade holds: its {@link Migration} beans and whatever customizers added. Reads nothing from the
     * database.
     */
    static Source facade(ObjectProvider<Migrations> migrations, Environment environment) {
        return new Source() {

            @Override
            public String location() {
                return "Migration beans and SQL files under " + String.join(", ", Binder.get(environment)
                    .bind("migrations.locations", Bindable.listOf(String.class))
                    .orElse(MigrationsProperties.DEFAULT_LOCATIONS));
            }

            @Override
            public List<String> found() {
                @Nullable Migrations facade = migrations.getIfAvailable();
                if (facade == null) {
                    return List.of();
                }
                return facade.getConfiguration()
                    .migrations()
                    .stream()
                    .map((migration) -> migration.getVersion() + " " + migration.getDescription())
                    .toList();
            }
        };
    }
}
