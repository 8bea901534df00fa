package com.penguinmails.webhooks.management.auth;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

/** Registers the API key resolver with WebFlux. */
@Configuration(proxyBeanMethods = false)
class AuthConfiguration implements WebFluxConfigurer {

    private final ApiPrincipalResolver resolver;

    AuthConfiguration(ApiPrincipalResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
        configurer.addCustomResolver(resolver);
    }
}
