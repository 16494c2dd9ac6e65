namespace Governance.Egress.Onnx;

/// <summary>
/// Parses an output as an ONNX model with protobuf's own parser, reading only the fields the check declares
/// (onnx_egress.proto): the rest, tensor data above all, is skipped unread. What the parse builds is counted first.
/// </summary>
internal static class OnnxModelReader
{
    private static readonly MessageParser<ModelProto> Parser = ModelProto.Parser.WithDiscardUnknownFields(true);

    /// <summary>
    /// Protobuf's reader over <paramref name="input"/>, reading no further than <paramref name="length"/> (already checked
    /// against the policy) nor deeper than <see cref="EgressCheckLimits.MaxMessageDepth"/>. It is not to be disposed:
    /// that would close the caller's stream, and it holds nothing else.
    /// </summary>
    internal static CodedInputStream Open(Stream input, long length, EgressCheckLimits limits) =>
        CodedInputStream.CreateWithLimits(input, (int)Math.Clamp(length, 1, int.MaxValue), limits.MaxMessageDepth);

    /// <summary>
    /// The model, or null with the violation that stopped it: it does not parse, or it holds more nodes or messages than
    /// <paramref name="limits"/> allow, counted in a first pass that builds nothing. <paramref name="input"/> must seek.
    /// </summary>
    public static ModelProto? Read(Stream input, long length, EgressCheckLimits limits, ViolationList violations)
    {
        var start = input.Position;
        try
        {
            var count = OnnxStructure.Count(input, length, limits);
            if (count.TooManyNodes)
            {
                violations.Add(EgressRules.OnnxTooManyNodes, "model", $"the model holds more than {limits.MaxNodes} nodes");
                return null;
            }

            if (count.TooManyMessages)
            {
                violations.Add(EgressRules.OnnxTooManyMessages, "model", $"the model holds more than {limits.MaxMessages} messages");
                return null;
            }

            input.Position = start;
            return Parser.ParseFrom(Open(input, length, limits));
        }
        catch (InvalidProtocolBufferException exception)
        {
            violations.Add(EgressRules.OnnxMalformed, "file", "not a protobuf ONNX model: " + exception.Message);
            return null;
        }
        catch (DecoderFallbackException)
        {
            violations.Add(EgressRules.OnnxMalformed, "file", "not a protobuf ONNX model: a name is not UTF-8");
            return null;
        }
    }
}
