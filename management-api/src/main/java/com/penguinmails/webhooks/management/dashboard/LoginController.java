package com.penguinmails.webhooks.management.dashboard;

import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;

/** The sign-in page; Spring Security takes the form's POST to the same path. */
@Controller
class LoginController {

    @GetMapping(DashboardSecurityConfiguration.LOGIN)
    Rendering login(ServerWebExchange exchange) {
        // "?error", "?locked" and "?logout" carry no value: present is what counts
        MultiValueMap<String, String> query = exchange.getRequest().getQueryParams();
        return Rendering.view("dashboard/login").modelAttribute("failed", query.containsKey("error"))
                .modelAttribute("loggedOut", query.containsKey("logout"))
                .modelAttribute("locked", query.containsKey("locked")).build();
    }
}
