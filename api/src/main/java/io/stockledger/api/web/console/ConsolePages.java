package io.stockledger.api.web.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console's pages: one HTML document (from the {@code console} module's static files) for each of its addresses,
 * so that a page's address can be bookmarked, shared and reloaded; the document's script draws the page the address
 * names. Scripts and styles are static files under {@code /console/assets/}, served as they are.
 */
@Controller
class ConsolePages {

    private static final String PAGE = "forward:/console/index.html";

    @GetMapping("/console")
    String root() {
        return "redirect:/console/";
    }

    @GetMapping({"/console/", "/console/stock", "/console/stock/{product_id}/{warehouse_id}", "/console/lookup",
            "/console/transfers", "/console/audit", "/console/feed", "/console/metrics"})
    String page() {
        return PAGE;
    }
}
