namespace Governance.Egress.Onnx;

/// <summary>The operators a policy lets an ONNX output use; an empty list in the policy lets any operator through.</summary>
internal sealed class OnnxOperatorAllowList
{
    private readonly HashSet<OnnxOperator>? _allowed;

    public OnnxOperatorAllowList(IReadOnlyList<string> entries) =>
        _allowed = entries.Count == 0 ? null : entries.Select(OnnxOperator.Parse).ToHashSet();

    public bool Allows(OnnxOperator op) => _allowed is null || _allowed.Contains(op);
}
