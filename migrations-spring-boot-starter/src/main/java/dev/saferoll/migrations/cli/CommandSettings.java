package dev.saferoll.migrations.cli;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.system.ApplicationHome;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.util.ClassUtils;

/**
 * How the commands name the application and where {@code make:migration} writes, shared by the command runner and
 * by {@link MigrationsCommandRunListener}, which runs {@code make:*} before the application context exists.
 */
public final class CommandSettings {

    /** The default of {@code migrations.make.directory}. */
    public static final String MAKE_DIRECTORY = "src/main/java";

    private CommandSettings() {
    }

    /**
     * The package {@code make:migration} writes into: the configured one, else the application's own package plus
     * {@code .migrations}, which its component scan covers. Empty when neither is known.
     * @param configured {@code migrations.make.base-package}, if set
     * @param applicationPackages the application's packages, first the one of its {@code @SpringBootApplication}
     */
    public static String makeBasePackage(@Nullable String configured, List<String> applicationPackages) {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        if (applicationPackages.isEmpty()) {
            return "";
        }
        String application = applicationPackages.get(0);
        return application.isEmpty() ? "migrations" : application + ".migrations";
    }

    /**
     * The packages Spring Boot's {@code AutoConfigurationPackages} registers for these sources, read from their
     * {@link AutoConfigurationPackage} annotations (as on {@code @SpringBootApplication}) without a context.
     */
    static List<String> applicationPackages(Iterable<?> sources) {
        List<String> packages = new ArrayList<>();
        for (Object source : sources) {
            if (!(source instanceof Class<?> type)) {
                continue;
            }
            MergedAnnotation<AutoConfigurationPackage> annotation = MergedAnnotations
                .from(type, SearchStrategy.TYPE_HIERARCHY)
                .get(AutoConfigurationPackage.class);
            if (!annotation.isPresent()) {
                continue;
            }
            List<String> declared = new ArrayList<>(List.of(annotation.getStringArray("basePackages")));
            for (Class<?> basePackageClass : annotation.getClassArray("basePackageClasses")) {
                declared.add(ClassUtils.getPackageName(basePackageClass));
            }
            if (declared.isEmpty()) {
                declared.add(ClassUtils.getPackageName(type));
            }
            declared.stream().filter((name) -> !packages.contains(name)).forEach(packages::add);
        }
        return packages;
    }

    /** How the user starts the application, for the recommendations: {@code java -jar app.jar} or the real jar. */
    public static String launcher() {
        try {
            File source = new ApplicationHome().getSource();
            if (source != null && source.isFile() && source.getName().endsWith(".jar")) {
                return "java -jar " + source.getName();
            }
        }
        catch (RuntimeException ex) {
            // Fall back to the generic form below.
        }
        return "java -jar app.jar";
    }
}
