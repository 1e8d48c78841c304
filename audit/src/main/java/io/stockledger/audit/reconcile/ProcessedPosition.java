package io.stockledger.audit.reconcile;

import io.stockledger.query.config.ReadModelConfiguration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The global store position up to which the {@code read-models} processor has certainly applied every event, read
 * from its tokens (in {@code token_entry}). The tokens are written in the same transaction as the rows the projections
 * write, so read in the same snapshot as those rows they say exactly what the rows must already reflect: the lowest,
 * over all segments, of the position before the token's first gap (or its index when it has none). -1 when some
 * segment has no token yet (nothing is certain).
 */
final class ProcessedPosition {

    private ProcessedPosition() {
    }

    static long of(Connection connection, Serializer tokenSerializer, TokenSchema schema) throws SQLException {
        long lowest = Long.MAX_VALUE;
        boolean any = false;
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + schema.tokenColumn() + " AS token, "
                + schema.tokenTypeColumn() + " AS token_type FROM " + schema.tokenTable() + " WHERE "
                + schema.processorNameColumn() + " = ?")) {
            statement.setString(1, ReadModelConfiguration.READ_MODELS);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    any = true;
                    byte[] token = rows.getBytes("token");
                    if (token == null) {
                        return -1;
                    }
                    TrackingToken tracking = WrappedToken.unwrapLowerBound(tokenSerializer.deserialize(
                            new SimpleSerializedObject<>(token, byte[].class,
                                    new SimpleSerializedType(rows.getString("token_type"), null))));
                    lowest = Math.min(lowest, certainlyApplied(tracking));
                }
            }
        }
        return any ? lowest : -1;
    }

    private static long certainlyApplied(TrackingToken token) {
        if (token instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getGaps().isEmpty() ? gapAware.getIndex() : gapAware.getGaps().first() - 1;
        }
        return token == null ? -1 : token.position().orElse(-1);
    }
}
