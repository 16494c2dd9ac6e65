using System.Text;
using Google.Protobuf;
using Governance.Egress.Onnx.Wire;

namespace Governance.Egress.Onnx;

/// <summary>
/// Parses an output as an ONNX model with protobuf's own parser, reading only the fields the check declares
/// (onnx_egress.proto): the rest, tensor data above all, is skipped unread.
/// </summary>
internal static class OnnxModelReader
{
    private static readonly MessageParser<ModelProto> Parser = ModelProto.Parser.WithDiscardUnknownFields(true);

    /// <summary>The model, or null with the reason it does not parse.</summary>
    public static ModelProto? Read(Stream input, long length, EgressCheckLimits limits, out string? error)
    {
        try
        {
            // The size limit is the length already checked against the policy: the parser reads no further.
            using var coded = CodedInputStream.CreateWithLimits(input, (int)Math.Clamp(length, 1, int.MaxValue), limits.MaxMessageDepth);
            var model = Parser.ParseFrom(coded);
            error = null;
            return model;
        }
        catch (InvalidProtocolBufferException exception)
        {
            error = "not a protobuf ONNX model: " + exception.Message;
            return null;
        }
        catch (DecoderFallbackException)
        {
            error = "not a protobuf ONNX model: a name is not UTF-8";
            return null;
        }
    }
}
