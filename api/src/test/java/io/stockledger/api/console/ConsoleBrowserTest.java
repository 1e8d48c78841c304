package io.stockledger.api.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.ServiceIntegrationTest;
import io.stockledger.api.support.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console in a real browser (headless Chromium) against the whole service on a real PostgreSQL: an operator and
 * an auditor sign in with minted tokens and do what issue 20 lists, and every figure the page shows is checked
 * against what the API answers. One browser for the class, the flows in order, each building on the one before (the
 * browser is the expensive part). Screenshots of the main pages go to {@code target/console-screenshots}, or to
 * {@code docs/console} with {@code -Dconsole.screenshots.dir=../docs/console}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest extends ServiceIntegrationTest {

    private static final String OPERATOR = "console-operator";

    private final UUID product = UUID.randomUUID();
    private final UUID warehouse = UUID.randomUUID();
    private final String adminToken = TestTokens.withRoles(OPERATOR, "admin");
    private Browser browser;

    @BeforeAll
    void openBrowser() {
        browser = new Browser(baseUrl());
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private String skuPath() {
        return "/console/stock/" + product + "/" + warehouse;
    }

    private JsonNode stock() {
        LedgerClient.Response answer = client.stock(product, warehouse);
        assertThat(answer.status()).isEqualTo(200);
        return answer.body();
    }

    private void signIn(String token) {
        browser.open("/console/");
        if (browser.present("#sign-out")) {
            browser.click("#sign-out");
        }
        browser.type("#token", token);
        browser.click("#signin button[type=submit]");
        browser.visible("#signed-in-as");
    }

    @Test
    @Order(1)
    void signsInWithAPastedTokenAndShowsWhoItIs() {
        browser.open("/console/");
        browser.visible("#token");
        browser.screenshot("sign-in");
        browser.type("#token", "not-a-token");
        browser.click("#signin button[type=submit]");
        browser.until(driver -> !browser.text("#signin-error").isEmpty());
        assertThat(browser.text("#signin-error")).contains("401", "the token is malformed");
        assertThat(browser.present("#signed-in-as")).isFalse();

        signIn(adminToken);

        assertThat(browser.textOf("#signed-in-as", OPERATOR)).isEqualTo(OPERATOR);
        assertThat(browser.all("#nav a")).extracting(WebElement::getText)
                .contains("Stock", "Audit", "Live feed", "Metrics");
        // kept for the tab only, and never in the address
        assertThat(browser.script("return sessionStorage.getItem('stock-ledger-console-token')")).isEqualTo(adminToken);
        assertThat(browser.driver().getCurrentUrl()).doesNotContain(adminToken.substring(0, 20));
    }

    @Test
    @Order(2)
    void findsASkuByWarehouseWithTheApisFigures() {
        assertThat(client.receiveLot(product, warehouse, 60, "LOT-A", LocalDate.now(ZoneOffset.UTC).plusDays(30))
                .status()).isEqualTo(200);
        assertThat(client.receiveLot(product, warehouse, 40, "LOT-B", LocalDate.now(ZoneOffset.UTC).plusDays(90))
                .status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> client.stock(product, warehouse).status() == 200);

        browser.click("#nav a[href='/console/stock']");
        browser.type("#search-warehouse", warehouse.toString());
        browser.click("#stock-search button[type=submit]");
        String row = "#stock-results tr[data-product='" + product + "']";
        JsonNode api = stock();
        assertThat(browser.textOf(row + " td[data-col=on_hand]", "100")).isEqualTo(api.path("on_hand").asText());
        assertThat(browser.text(row + " td[data-col=available]")).isEqualTo(api.path("available").asText());
        browser.screenshot("stock-search");

        browser.click(row + " a.open-sku");
        browser.until(driver -> driver.getCurrentUrl().endsWith(skuPath()));
        assertThat(browser.textOf("#balance [data-field=on_hand] dd", "100")).isEqualTo("100");
    }

    @Test
    @Order(3)
    void receivesStockWithTheKeyboardAndShowsTheNewBalance() {
        browser.open(skuPath());
        WebElement quantity = browser.visible("#receive-quantity");
        quantity.sendKeys("25");
        quantity.sendKeys(Keys.ENTER); // submits the form; the dialog focuses its Confirm button
        browser.visible("dialog[open] #confirm-yes");
        assertThat(browser.text("dialog[open] pre.call")).contains("POST /v1/receive", "\"quantity\": 25");
        assertThat((String) browser.script("return document.activeElement.id")).isEqualTo("confirm-yes");
        browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);

        browser.textOf("#balance [data-field=on_hand] dd", "125");
        await().atMost(Duration.ofSeconds(30)).until(() -> stock().path("on_hand").asLong() == 125);
        assertThat(browser.text("#balance [data-field=available] dd"))
                .isEqualTo(stock().path("available").asText());
    }

    @Test
    @Order(4)
    void showsAReservationMadeThroughTheApi() {
        LedgerClient.Response reserved = client.reserve(product, warehouse, 7, LedgerClient.key());
        assertThat(reserved.status()).isEqualTo(200);
        String reservationId = reserved.text("reservation_id");

        String row = "#reservations tr[data-reservation='" + reservationId + "']";
        browser.find(row); // the page refreshes itself
        assertThat(browser.text(row + " td[data-col=quantity]")).isEqualTo("7");
        browser.textOf("#balance [data-field=reserved] dd", "7");
        assertThat(stock().path("reserved").asLong()).isEqualTo(7);

        // looked up by id, as the API has it
        browser.click(row + " td[data-col=reservation] a");
        browser.textOf("#reservation-status", client.get("/v1/reservations/" + reservationId).text("status"));
        assertThat(browser.text("#reservation-status")).isEqualTo("PENDING");
        browser.open(skuPath());
    }

    @Test
    @Order(5)
    void quarantinesALotAfterConfirmation() {
        String row = "#lots tr[data-batch='LOT-B']";
        browser.click(row + " button.quarantine-lot");
        browser.type("dialog[open] #lot-reason", "supplier recall");
        browser.confirmDialog();

        browser.textOf(row + " td[data-col=status]", "QUARANTINED");
        JsonNode lots = client.get("/v1/batches?product_id=" + product + "&warehouse_id=" + warehouse).body();
        JsonNode lotB = null;
        for (JsonNode lot : lots.path("batches")) {
            if (lot.path("batch_number").asText().equals("LOT-B")) {
                lotB = lot;
            }
        }
        assertThat(lotB).isNotNull();
        assertThat(lotB.path("status").asText()).isEqualTo("QUARANTINED");
        await().atMost(Duration.ofSeconds(30)).until(() -> stock().path("blocked").asLong() == 40);
        assertThat(browser.textOf("#balance [data-field=blocked] dd", "40")).isEqualTo("40");
        assertThat(browser.present("#lots svg.timeline circle.lot.QUARANTINED[data-batch='LOT-B']")).isTrue();
    }

    @Test
    @Order(6)
    void showsTheHistoryNewestFirstWithActorTraceAndHashAndTheBalanceAtAnInstant() {
        browser.open(skuPath());
        JsonNode events = client.get("/v1/ledger/" + product + "/" + warehouse + "/events?limit=1000").body()
                .path("events");
        JsonNode newest = events.get(events.size() - 1);
        String firstRow = "#history tbody tr:first-child";
        browser.textOf(firstRow + " td[data-col=seq]", newest.path("sequence_number").asText());
        assertThat(browser.text(firstRow + " td[data-col=type]")).isEqualTo(newest.path("event_type").asText());
        assertThat(browser.text(firstRow + " td[data-col=actor]")).isEqualTo(OPERATOR);
        assertThat(browser.attribute(firstRow + " td[data-col=hash] code", "title"))
                .isEqualTo(newest.path("metadata").path("chain_hash").asText()).hasSize(64);
        assertThat(browser.attribute(firstRow + " td[data-col=trace] code", "title"))
                .isEqualTo(newest.path("metadata").path("trace_id").asText());
        assertThat(browser.all("#stock-chart path.series")).hasSize(2);
        browser.screenshot("sku");

        // the balance just after the first receipt: 60 on hand
        Instant afterFirst = Instant.parse(events.get(0).path("timestamp").asText()).plusMillis(1);
        JsonNode past = client.get("/v1/ledger/" + product + "/" + warehouse + "/balance?as_of=" + afterFirst).body();
        browser.script("const input = document.getElementById('as-of-input');"
                + "const at = new Date(arguments[0]);"
                + "const local = new Date(at.getTime() - at.getTimezoneOffset() * 60000).toISOString().slice(0, 19);"
                + "input.value = local;", afterFirst.plusSeconds(1).toString());
        browser.click("#as-of-form button[type=submit]");
        // the picker has whole seconds: the instant shown is up to a second later, still before the second receipt
        // unless both receipts fell in the same second, so compare with the API at the very instant the page asked
        String shownAsOf = browser.attribute("#as-of-result time", "datetime");
        JsonNode asked = client.get("/v1/ledger/" + product + "/" + warehouse + "/balance?as_of=" + shownAsOf).body();
        assertThat(browser.text("#as-of-result [data-field=on_hand] dd"))
                .isEqualTo(asked.path("on_hand").asText());
        assertThat(past.path("on_hand").asLong()).isEqualTo(60);
    }

    @Test
    @Order(7)
    void runsAVerificationToItsEndAndShowsItsFindings() {
        browser.click("#nav a[href='/console/audit']");
        browser.type("#audit-warehouse", warehouse.toString());
        browser.click("#start-verify");
        browser.confirmDialog();

        browser.textOf("#job-status", "SUCCEEDED");
        String jobId = browser.text("#job-id");
        JsonNode job = client.get("/v1/audit/jobs/" + jobId).body();
        assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(job.path("kind").asText()).isEqualTo("VERIFY");
        assertThat(browser.text("#job-findings")).isEqualTo(job.path("findings").asText()).isEqualTo("0");
        assertThat(browser.text("#job-ledgers")).isEqualTo(job.path("ledgers_checked").asText());
        browser.until(driver -> browser.text("#findings").contains("No findings"));
        browser.screenshot("audit");
    }

    @Test
    @Order(8)
    void downloadsTheMovementJournalOfAPeriodAsCsv() throws Exception {
        browser.type("#csv-product", product.toString());
        browser.type("#csv-warehouse", warehouse.toString());
        browser.script("document.getElementById('csv-from').value = '2000-01-01T00:00:00';"
                + "document.getElementById('csv-to').value = '2100-01-01T00:00:00';");
        browser.click("#csv-form button[type=submit]");

        Path file = browser.downloads().resolve("movements-" + product + ".csv");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(file) && Files.size(file) > 0);
        String expected = client.get("/v1/ledger/movements?product_id=" + product + "&warehouse_id=" + warehouse
                + "&from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z", "Accept", "text/csv").raw();
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(expected.strip().split("\n").length).hasSizeGreaterThan(1);
        assertThat(lines.getFirst()).isEqualTo(expected.lines().findFirst().orElseThrow());
        assertThat(browser.text("#csv-result")).startsWith("Downloaded");
    }

    @Test
    @Order(9)
    void showsAMovementOnTheLiveFeedAsItIsStored() {
        browser.click("#nav a[href='/console/feed']");
        browser.type("#feed-warehouse", warehouse.toString());
        browser.click("main form button[type=submit]");
        browser.textOf("#feed-state", "open");

        LedgerClient.Response received = client.receive(product, warehouse, 3);
        assertThat(received.status()).isEqualTo(200);
        String eventId = received.text("event_id");
        JsonNode movement = await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode row : client.get("/v1/ledger/movements?product_id=" + product + "&limit=1000").body()
                    .path("movements")) {
                if (row.path("event_id").asText().equals(eventId)) {
                    return row;
                }
            }
            return null;
        }, row -> row != null);
        String item = "#feed-list li[data-position='" + movement.path("global_position").asText() + "']";
        assertThat(browser.attribute(item, "data-type")).isEqualTo("RECEIPT");
        assertThat(browser.text(item)).contains("on hand +3");
        // the filter holds: every item is of this warehouse
        assertThat(browser.all("#feed-list li")).allSatisfy(li ->
                assertThat(li.getAttribute("data-warehouse")).isEqualTo(warehouse.toString()));
        browser.screenshot("live-feed");
    }

    @Test
    @Order(10)
    void chartsThroughputFromTheServicesOwnMetrics() {
        browser.click("#nav a[href='/console/metrics']");
        // sampled every 5 s: wait for an interval with the commands above in it
        await().atMost(Duration.ofSeconds(60)).until(() -> client.get("/v1/console/metrics").body()
                .path("samples").findValues("commands").stream().anyMatch(n -> n.asLong() > 0));
        browser.open("/console/metrics");
        browser.find("#throughput-chart path.series");
        assertThat(browser.text("#metrics-total")).doesNotStartWith("0 command");
        browser.screenshot("metrics");
    }

    @Test
    @Order(11)
    void fitsATabletsWidthAndLoadsNothingFromElsewhere() {
        browser.resize(800, 1100);
        browser.open(skuPath());
        browser.textOf("#balance [data-field=on_hand] dd", "128");
        assertThat((Boolean) browser.script(
                "return document.documentElement.scrollWidth <= document.documentElement.clientWidth")).isTrue();
        @SuppressWarnings("unchecked")
        List<String> resources = (List<String>) browser.script(
                "return performance.getEntriesByType('resource').map(e => e.name)");
        assertThat(resources).isNotEmpty().allSatisfy(url -> assertThat(url).startsWith(baseUrl() + "/"));
        LedgerClient.Response page = client.get("/console/");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'");
        browser.screenshot("sku-tablet");
        browser.resize(1280, 1000);
    }

    @Test
    @Order(12)
    void aTokenWithoutAdjustSeesNoAdjustActionAndTheApiStillRefusesIt() {
        String receiveOnly = TestTokens.withPermissions("receiver", "inventory:read", "inventory:receive");
        signIn(receiveOnly);
        browser.open(skuPath());
        browser.visible("#receive-form");
        assertThat(browser.present("#adjust-form")).isFalse();
        assertThat(browser.present("#policy-form")).isFalse();
        assertThat(browser.present("button.quarantine-lot")).isFalse();
        assertThat(browser.present("button.release-reservation")).isFalse();
        assertThat(browser.all("#nav a")).extracting(WebElement::getText).doesNotContain("Audit", "Live feed");

        LedgerClient.Response refused = client.withToken(receiveOnly).post("/v1/adjust", Map.of(
                "product_id", product.toString(), "warehouse_id", warehouse.toString(), "quantity", -1,
                "reason", "DAMAGE", "idempotency_key", LedgerClient.key()));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text("required_permission")).isEqualTo("inventory:adjust");
    }
}
