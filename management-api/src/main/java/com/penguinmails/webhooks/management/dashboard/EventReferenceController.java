package com.penguinmails.webhooks.management.dashboard;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.reactive.result.view.Rendering;

import com.penguinmails.webhooks.management.events.EventCatalog;

/** {@code /dashboard/settings/webhooks/events} (spec 004 "Event Reference"): the API's event catalog as a page. */
@Controller
class EventReferenceController {

    @GetMapping(DashboardSecurityConfiguration.HOME + "/events")
    Rendering events() {
        return Rendering.view("dashboard/events").modelAttribute("catalog", EventCatalog.catalog()).build();
    }
}
