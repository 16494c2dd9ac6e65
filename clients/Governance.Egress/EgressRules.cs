namespace Governance.Egress;

/// <summary>The rules an output can fail, as <see cref="EgressViolation.Rule"/> names them.</summary>
public static class EgressRules
{
    /// <summary>The output is larger than the format's <c>maxBytes</c> (or the check's own ceiling).</summary>
    public const string SizeExceeded = "size.exceeded";

    /// <summary>The policy allows no format this check can read, so nothing can be let out.</summary>
    public const string FormatNotCheckable = "format.not_checkable";

    /// <summary>The output does not parse as an ONNX model (truncated, garbage, another format).</summary>
    public const string OnnxMalformed = "onnx.malformed";

    /// <summary>The model has no graph.</summary>
    public const string OnnxNoGraph = "onnx.no_graph";

    /// <summary>A node's (domain, operator) is not in the allowed operators.</summary>
    public const string OnnxOperatorNotAllowed = "onnx.operator_not_allowed";

    /// <summary>A tensor keeps its data outside the file (data_location EXTERNAL or external_data entries).</summary>
    public const string OnnxExternalData = "onnx.external_data";

    /// <summary>Subgraphs nest deeper than the check follows.</summary>
    public const string OnnxDepthExceeded = "onnx.depth_exceeded";

    /// <summary>The model holds more nodes than the check reads.</summary>
    public const string OnnxTooManyNodes = "onnx.too_many_nodes";

    /// <summary>The model holds more messages (nodes, attributes, graphs, tensors…) than the check builds.</summary>
    public const string OnnxTooManyMessages = "onnx.too_many_messages";
}
