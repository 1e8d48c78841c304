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
        String mode = context.getEnvironment().getProperty(MODE, "local").trim();
        if (!mode.equals("local") && !mode.equals(JGROUPS)) {
            throw new IllegalStateException("LEDGER_ROUTING must be local or jgroups, not '" + mode + "'");
        }
        return mode.equals(JGROUPS);
    }
}
