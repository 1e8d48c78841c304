package io.stockledger.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * The SKUs of one run: one hot product (index 0, the doorbuster everybody wants) and {@code skus} others, all in one
 * warehouse. Ids are new for every run, so runs never share a ledger and the oversell check sees only this run's.
 */
public final class SkuCatalog {

    private final UUID warehouseId;
    private final List<UUID> productIds;
    private final double hotShare;

    public SkuCatalog(UUID warehouseId, List<UUID> productIds, double hotShare) {
        if (productIds.size() < 2) {
            throw new IllegalArgumentException("a run needs the hot SKU and at least one other");
        }
        this.warehouseId = warehouseId;
        this.productIds = List.copyOf(productIds);
        this.hotShare = hotShare;
    }

    public static SkuCatalog fresh(LoadProfile profile) {
        List<UUID> products = new ArrayList<>(profile.skus() + 1);
        for (int i = 0; i <= profile.skus(); i++) {
            products.add(UUID.randomUUID());
        }
        return new SkuCatalog(UUID.randomUUID(), products, profile.hotShare());
    }

    /** The SKU a visit goes to: the hot one with probability {@code hotShare}, else any other, uniformly. */
    public int pick(RandomGenerator random) {
        return random.nextDouble() < hotShare ? 0 : 1 + random.nextInt(productIds.size() - 1);
    }

    public boolean isHot(int sku) {
        return sku == 0;
    }

    public UUID warehouseId() {
        return warehouseId;
    }

    public UUID productId(int sku) {
        return productIds.get(sku);
    }

    public int size() {
        return productIds.size();
    }
}
