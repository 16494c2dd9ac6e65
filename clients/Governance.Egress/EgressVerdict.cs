namespace Governance.Egress;

/// <summary>
/// The check's answer for one output: it may leave when <see cref="Passed"/>. <see cref="Format"/> is the allowed
/// format it was read as (null when the policy allows none the check can read); <see cref="Bytes"/> its size.
/// At most <see cref="EgressCheckLimits.MaxViolations"/> violations are listed; <see cref="MoreViolations"/> says
/// when others were left off.
/// </summary>
public sealed record EgressVerdict(string? Format, long Bytes, IReadOnlyList<EgressViolation> Violations, bool MoreViolations)
{
    [JsonPropertyOrder(-1)]
    public bool Passed => Violations.Count == 0;
}
