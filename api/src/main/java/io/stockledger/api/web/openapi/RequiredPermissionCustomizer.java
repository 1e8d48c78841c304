package io.stockledger.api.web.openapi;

import io.stockledger.api.security.RequiresPermission;
import io.swagger.v3.oas.models.Operation;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.method.HandlerMethod;

/**
 * Records on each operation the permission its handler declares with {@link RequiresPermission} (the very annotation
 * the security chain's request rules are built from), as the extension {@value #EXTENSION};
 * {@link V1ContractCustomizer} turns it into the security requirement and the description.
 */
final class RequiredPermissionCustomizer implements OperationCustomizer {

    static final String EXTENSION = "x-required-permission";

    @Override
    public Operation customize(Operation operation, HandlerMethod handlerMethod) {
        RequiresPermission required = handlerMethod.getMethodAnnotation(RequiresPermission.class);
        if (required != null) {
            operation.addExtension(EXTENSION, required.value());
        }
        return operation;
    }
}
