namespace Governance.Egress;

/// <summary>
/// One reason an output may not leave: the rule (one of <see cref="EgressRules"/>), where in the output it failed
/// (e.g. <c>graph.node[3](conv1).then_branch.node[0]</c>), and what was found. Names taken from the output are cut
/// to a short length and hold printable characters only, so a proxy can log the violation as it stands.
/// </summary>
public sealed record EgressViolation(string Rule, string Where, string Detail);
