namespace Governance.Egress.Onnx;

/// <summary>Messages and nodes counted so far, and whether a bound of <see cref="EgressCheckLimits"/> was passed.</summary>
internal sealed class OnnxStructureCount(EgressCheckLimits limits)
{
    public int Messages { get; private set; }

    public int Nodes { get; private set; }

    public bool TooManyNodes => Nodes > limits.MaxNodes;

    public bool TooManyMessages => Messages > limits.MaxMessages;

    /// <summary>Counts one message (a node when <paramref name="node"/>); false once a bound is passed.</summary>
    public bool Add(bool node)
    {
        Messages++;
        if (node)
        {
            Nodes++;
        }

        return !TooManyNodes && !TooManyMessages;
    }
}
