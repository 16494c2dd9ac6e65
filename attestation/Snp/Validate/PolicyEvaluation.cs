namespace Governance.Attestation.Snp.Validate;

/// <summary>One policy rule the claims did not satisfy.</summary>
/// <param name="Rule">Stable rule id, e.g. <c>measurement</c>, <c>minimum_tcb.microcode</c>.</param>
/// <param name="Field">The claims field checked.</param>
/// <param name="Expected">What the policy requires (hex for bytes).</param>
/// <param name="Actual">What the evidence shows ("absent" when the evidence does not carry it).</param>
public sealed record PolicyFailure(string Rule, string Field, string Expected, string Actual);

/// <summary>The outcome of evaluating a policy: every failed rule, not just the first.</summary>
public sealed record PolicyEvaluation(IReadOnlyList<PolicyFailure> Failures)
{
    public bool Satisfied => Failures.Count == 0;
}
