package io.stockledger.command.api;

/** What the configuration needs to know about the ledger's snapshots, without seeing the aggregate itself. */
public final class LedgerSnapshots {

    /**
     * The shape of the ledger's snapshots. A snapshot of another revision is ignored and the ledger replays its
     * events instead. Revision 1 (unmarked) predates lots. Raise it whenever the aggregate's fields change shape.
     */
    public static final String REVISION = "2";

    private LedgerSnapshots() {
    }
}
