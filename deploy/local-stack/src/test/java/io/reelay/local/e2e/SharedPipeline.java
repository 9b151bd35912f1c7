package io.reelay.local.e2e;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands every end-to-end test class the same running {@link PipelineHarness}: the stack starts once per test run
 * (it takes most of a minute on two cores) and is stopped when the run ends. Test classes keep apart by using
 * their own destination prefixes, webhook paths and sources.
 */
public final class SharedPipeline implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PipelineHarness.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(PipelineHarness.class, key -> start(), PipelineHarness.class);
    }

    private static PipelineHarness start() {
        try {
            return new PipelineHarness();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the pipeline", e);
        }
    }
}
