using Google.Protobuf.Reflection;

namespace Governance.Egress.Onnx;

/// <summary>
/// Counts the messages of the declared schema an output holds (nodes, attributes, graphs, tensors…) before the
/// model is built, so a file of millions of tiny messages is refused for what it is instead of costing the parser
/// an object for each. Protobuf's own reader walks the wire; only a counter per message is made, and dropped at once.
/// </summary>
internal static class OnnxStructure
{
    /// <summary>Whether the output stays within <see cref="EgressCheckLimits.MaxNodes"/> and <see cref="EgressCheckLimits.MaxMessages"/>; the stream is left where it ends.</summary>
    public static OnnxStructureCount Count(Stream input, long length, EgressCheckLimits limits)
    {
        var count = new OnnxStructureCount(limits);
        try
        {
            new Counter(ModelProto.Descriptor, count).MergeFrom(OnnxModelReader.Open(input, length, limits));
        }
        catch (BudgetExceededException)
        {
            // The count says which bound was passed; reading further would only cost more.
        }

        return count;
    }

    private sealed class BudgetExceededException : Exception;

    /// <summary>
    /// A stand-in for a message of <paramref name="descriptor"/>'s type: it reads the message's fields, descends into
    /// those the schema declares as messages, and skips every other.
    /// </summary>
    private sealed class Counter(MessageDescriptor descriptor, OnnxStructureCount count) : IMessage
    {
        public MessageDescriptor Descriptor => descriptor;

        public void MergeFrom(CodedInputStream input)
        {
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                var field = descriptor.FindFieldByNumber(WireFormat.GetTagFieldNumber(tag));
                if (field is { FieldType: FieldType.Message } && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
                {
                    if (!count.Add(field.MessageType == NodeProto.Descriptor))
                    {
                        throw new BudgetExceededException();
                    }

                    input.ReadMessage(new Counter(field.MessageType, count));
                }
                else
                {
                    input.SkipLastField();
                }
            }
        }

        public void WriteTo(CodedOutputStream output) => throw new NotSupportedException();

        public int CalculateSize() => throw new NotSupportedException();
    }
}
