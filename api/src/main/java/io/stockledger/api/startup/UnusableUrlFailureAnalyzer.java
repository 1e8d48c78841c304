package io.stockledger.api.startup;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * A service's URL setting the client library refused while its bean was made: names the setting, its value and how to
 * write it. Only an unusable URL is a start-up failure; an unreachable service is reported by health instead.
 */
abstract class UnusableUrlFailureAnalyzer implements FailureAnalyzer {

    private final Environment environment;
    private final String bean;
    private final String variable;
    private final String property;
    private final String howToWriteIt;

    UnusableUrlFailureAnalyzer(Environment environment, String bean, String variable, String property,
                               String howToWriteIt) {
        this.environment = environment;
        this.bean = bean;
        this.variable = variable;
        this.property = property;
        this.howToWriteIt = howToWriteIt;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        boolean beanFailed = CauseChain.of(failure).stream().anyMatch(cause ->
                cause instanceof BeanCreationException creation && bean.equals(creation.getBeanName()));
        if (!beanFailed) {
            return null;
        }
        Throwable root = CauseChain.root(failure);
        return new FailureAnalysis(
                variable + " '" + environment.getProperty(property, "") + "' cannot be used: " + root.getMessage() + ".",
                howToWriteIt, root);
    }
}
