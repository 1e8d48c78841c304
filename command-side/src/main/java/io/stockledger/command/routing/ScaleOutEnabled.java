package io.stockledger.command.routing;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Scale-out is on when {@code ledger.routing.mode} is {@code jgroups}; a single instance (the default) needs none. */
public final class ScaleOutEnabled implements Condition {

    static final String MODE = "ledger.routing.mode";
    static final String JGROUPS = "jgroups";

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return isOn(context.getEnvironment().getProperty(MODE, "local"));
    }

    /** Whether this value of {@code ledger.routing.mode} turns scale-out on. */
    public static boolean isOn(String mode) {
        String trimmed = mode.trim();
        if (!trimmed.equals("local") && !trimmed.equals(JGROUPS)) {
            throw new IllegalStateException("LEDGER_ROUTING must be local or jgroups, not '" + trimmed + "'");
        }
        return trimmed.equals(JGROUPS);
    }
}
