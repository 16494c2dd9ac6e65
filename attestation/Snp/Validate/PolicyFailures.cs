namespace Governance.Attestation.Snp.Validate;

/// <summary>The failures of one evaluation, collected in the order the rules are checked.</summary>
internal sealed class PolicyFailures
{
    /// <summary>What a failure says when the evidence does not carry the field the rule reads.</summary>
    public const string Absent = "absent";

    private readonly List<PolicyFailure> _failures = [];

    public IReadOnlyList<PolicyFailure> All => _failures;

    public void Add(string rule, string field, string expected, string actual) => _failures.Add(new PolicyFailure(rule, field, expected, actual));

    /// <summary>A bit the policy requires: fails when the evidence shows it clear, or does not show it.</summary>
    public void Required(bool required, string rule, string field, bool? actual)
    {
        if (required && actual != true)
        {
            Add(rule, field, "true", actual?.ToString().ToLowerInvariant() ?? Absent);
        }
    }

    /// <summary>A bit that weakens the guest: fails when the evidence shows it set and the policy does not allow it.</summary>
    public void Refused(bool allowed, string rule, string field, bool? actual)
    {
        if (!allowed && actual == true)
        {
            Add(rule, field, "false", "true");
        }
    }
}
