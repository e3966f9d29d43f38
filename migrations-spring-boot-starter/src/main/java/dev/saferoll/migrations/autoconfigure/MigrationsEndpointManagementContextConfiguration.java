package dev.saferoll.migrations.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.saferoll.migrations.actuate.MigrationsEndpoint;
import dev.saferoll.migrations.actuate.MigrationsEndpointErrorFilter;

/**
 * The {@link MigrationsEndpointErrorFilter} on the {@code migrations} endpoint's paths, in whichever context serves
 * the management endpoints (the application's, or a child one on {@code management.server.port}). After Spring
 * Security's filters, so their answers stay theirs.
 */
@ManagementContextConfiguration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ OncePerRequestFilter.class, PathMappedEndpoints.class })
@ConditionalOnAvailableEndpoint(MigrationsEndpoint.class)
class MigrationsEndpointManagementContextConfiguration {

    @Bean
    FilterRegistrationBean<MigrationsEndpointErrorFilter> migrationsEndpointErrorFilter(
            ObjectProvider<PathMappedEndpoints> endpoints) {
        FilterRegistrationBean<MigrationsEndpointErrorFilter> registration = new FilterRegistrationBean<>(
                new MigrationsEndpointErrorFilter());
        PathMappedEndpoints mapped = endpoints.getIfAvailable();
        String path = (mapped != null) ? mapped.getPath(EndpointId.of("migrations")) : null;
        if (path == null) {
            registration.setEnabled(false);
        }
        else {
            registration.addUrlPatterns(path, path + "/*");
        }
        return registration;
    }
}
