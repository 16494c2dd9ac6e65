namespace Governance.Egress.Onnx;

/// <summary>
/// An operator as the policy names it: <c>Relu</c> for the default ONNX domain (which a node writes as <c>""</c> or
/// <c>ai.onnx</c>), <c>domain:op_type</c> for any other, e.g. <c>ai.onnx.ml:TreeEnsembleClassifier</c>.
/// </summary>
internal readonly record struct OnnxOperator(string Domain, string OpType)
{
    public const string DefaultDomain = "ai.onnx";

    public static OnnxOperator Of(string domain, string opType) => new(domain.Length == 0 ? DefaultDomain : domain, opType);

    /// <summary>A policy entry: the text after the last ':' is the operator, what comes before it the domain.</summary>
    public static OnnxOperator Parse(string entry)
    {
        var colon = entry.LastIndexOf(':');
        return colon < 0 ? Of("", entry.Trim()) : Of(entry[..colon].Trim(), entry[(colon + 1)..].Trim());
    }

    public override string ToString() => $"{Printable.Name(Domain)}:{Printable.Name(OpType)}";
}
