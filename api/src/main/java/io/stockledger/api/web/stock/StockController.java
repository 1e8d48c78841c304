package io.stockledger.api.web.stock;

import io.stockledger.api.security.Permission;
import io.stockledger.api.security.RequiresPermission;
import io.stockledger.api.ledger.Ledger;
import io.stockledger.api.web.InvalidParameterException;
import io.stockledger.api.web.PathIds;
import io.stockledger.api.web.RequestOrigin;
import io.stockledger.command.api.AdjustStock;
import io.stockledger.command.api.LedgerRefusal;
import io.stockledger.command.api.ReceiveStock;
import io.stockledger.command.api.StockLedgerId;
import io.stockledger.command.api.StockLedgerNotFoundException;
import io.stockledger.query.api.FindStockBalance;
import io.stockledger.query.api.StockBalanceView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/** What warehouse operators do to stock (receive, adjust) and how anyone reads a balance. */
@RestController
@RequestMapping("/v1")
class StockController {

    private final Ledger ledger;

    StockController(Ledger ledger) {
        this.ledger = ledger;
    }

    @RequiresPermission(Permission.RECEIVE)
    @PostMapping("/receive")
    MovementResponse receive(@Valid @RequestBody ReceiveRequest body, HttpServletRequest request)
            throws LedgerRefusal {
        ReceiveStock command = new ReceiveStock(ledgerId(body.productId(), body.warehouseId()), body.quantity(),
                body.unitCost(), body.idempotencyKey());
        return MovementResponse.of(ledger.receive(command, RequestOrigin.of(request)));
    }

    @RequiresPermission(Permission.ADJUST)
    @PostMapping("/adjust")
    MovementResponse adjust(@Valid @RequestBody AdjustRequest body, HttpServletRequest request)
            throws LedgerRefusal {
        if (body.quantity() == 0) {
            throw new InvalidParameterException("quantity", "must not be 0");
        }
        AdjustStock command = new AdjustStock(ledgerId(body.productId(), body.warehouseId()), body.quantity(),
                body.reason(), body.note(), body.idempotencyKey());
        return MovementResponse.of(ledger.adjust(command, RequestOrigin.of(request)));
    }

    @RequiresPermission(Permission.READ)
    @GetMapping("/stock/{product_id}/{warehouse_id}")
    StockResponse stock(@PathVariable("product_id") String productId,
                        @PathVariable("warehouse_id") String warehouseId) throws LedgerRefusal {
        UUID product = PathIds.uuid("product_id", productId);
        UUID warehouse = PathIds.uuid("warehouse_id", warehouseId);
        return ledger.ask(new FindStockBalance(product, warehouse), StockBalanceView.class)
                .map(StockResponse::of)
                .orElseThrow(() -> new StockLedgerNotFoundException(new StockLedgerId(product, warehouse)));
    }

    private static StockLedgerId ledgerId(String productId, String warehouseId) {
        return new StockLedgerId(UUID.fromString(productId), UUID.fromString(warehouseId));
    }
}
