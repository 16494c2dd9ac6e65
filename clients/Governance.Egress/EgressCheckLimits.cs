namespace Governance.Egress;

/// <summary>
/// How much of an output the check reads, whatever the policy says: it is driven by the output, which the workload
/// wrote, so every loop and allocation is bounded here.
/// </summary>
public sealed record EgressCheckLimits
{
    public static EgressCheckLimits Default { get; } = new();

    /// <summary>
    /// The largest output when the policy sets no <c>maxBytes</c>, and a ceiling on any it sets; by default protobuf's
    /// own limit on one message, 2 GiB − 1.
    /// </summary>
    public long MaxBytes { get; init; } = int.MaxValue;

    /// <summary>How deep subgraphs (If, Loop and Scan bodies, graphs in attributes) may nest under the main graph.</summary>
    public int MaxGraphDepth { get; init; } = 16;

    /// <summary>
    /// Protobuf message nesting the parser follows; each subgraph level costs three (node, attribute, graph), so this
    /// stays above <see cref="MaxGraphDepth"/> × 3: a model a few levels too deep is named as too deep, a far deeper
    /// one does not parse.
    /// </summary>
    public int MaxMessageDepth { get; init; } = 64;

    /// <summary>Nodes over every graph and function of the model, counted before the model is built.</summary>
    public int MaxNodes { get; init; } = 1_000_000;

    /// <summary>
    /// Messages of the schema the check reads (nodes, attributes, graphs, tensors, functions…), counted before the model
    /// is built: what building it costs grows with them (some hundred bytes each), not with the tensors' data.
    /// </summary>
    public int MaxMessages { get; init; } = 4_000_000;

    /// <summary>Violations listed in a verdict.</summary>
    public int MaxViolations { get; init; } = 100;
}
