package dev.saferoll.migrations.safety;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Acknowledges zero-downtime lint findings on a migration class, with the reason it is safe here (for example "table
 * is empty; feature not yet released"). Acknowledged findings are still reported, marked as acknowledged, but never
 * fail a run.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SafetyAssured {

    /** Why the flagged change is safe in this case. Required: an acknowledgement without a reason is no review. */
    String reason();

    /** The rules acknowledged; empty means every rule. */
    LintRule[] rules() default {};
}
