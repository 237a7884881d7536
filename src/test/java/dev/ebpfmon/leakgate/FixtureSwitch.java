package dev.ebpfmon.leakgate;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps the leak gate's deliberately leaking fixture classes off in a normal run: they run only when
 * BpfLeakGateKernelTest launches them with the configuration parameter {@value #PARAMETER}=run.
 */
final class FixtureSwitch implements ExecutionCondition {
    static final String PARAMETER = "ebpfmon.leakgate.fixtures";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return context.getConfigurationParameter(PARAMETER).filter("run"::equals).isPresent()
                ? ConditionEvaluationResult.enabled("launched by BpfLeakGateKernelTest")
                : ConditionEvaluationResult.disabled("a leak gate fixture: runs only inside BpfLeakGateKernelTest");
    }
}
