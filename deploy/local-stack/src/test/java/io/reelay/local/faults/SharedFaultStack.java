package io.reelay.local.faults;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands every fault test class the same running {@link FaultStack}: it starts once per test run and stops when the
 * run ends. Each scenario breaks something and starts it again before it ends, submits its own jobs, and checks
 * only what belongs to them, so scenarios stay apart.
 */
public final class SharedFaultStack implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == FaultStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(FaultStack.class, key -> start(), FaultStack.class);
    }

    private static FaultStack start() {
        FaultReport.startNew();
        try {
            return new FaultStack();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the fault stack", e);
        }
    }
}
