using Google.Protobuf;
using Governance.Egress.Onnx.Wire;
using Governance.Protocol.Contracts;

namespace Governance.Egress.Tests;

/// <summary>
/// Genuine ONNX models from the ONNX project's backend tests (tests/data/onnx/SOURCE.txt), and hostile variants of
/// them: protobuf merges a message appended to another, so a genuine model followed by the bytes of a
/// <see cref="ModelProto"/> is that model with the appended graph's nodes and tensors added.
/// </summary>
internal static class OnnxSamples
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "data", "onnx", name);

    /// <summary>One Relu node in the default domain, 98 bytes.</summary>
    public static byte[] SingleRelu => File.ReadAllBytes(PathOf("single_relu_model.onnx"));

    /// <summary>PRelu with an initializer (its slope), exported by PyTorch.</summary>
    public static byte[] PRelu => File.ReadAllBytes(PathOf("PReLU_2d.onnx"));

    /// <summary>Add, and Gradient in the domain ai.onnx.preview.training.</summary>
    public static byte[] GradientOfAdd => File.ReadAllBytes(PathOf("gradient_of_add.onnx"));

    public static EgressPolicy Policy(params string[] operators) => Policy(null, operators);

    public static EgressPolicy Policy(long? maxBytes, params string[] operators) =>
        new() { AllowedFormats = [new AllowedOutputFormat { Format = "onnx", AllowedOperators = operators, MaxBytes = maxBytes }] };

    public static byte[] With(byte[] model, GraphProto graph) => [.. model, .. new ModelProto { Graph = graph }.ToByteArray()];

    public static byte[] With(byte[] model, ModelProto addition) => [.. model, .. addition.ToByteArray()];

    public static NodeProto Node(string opType, string name = "n", string domain = "") => new() { OpType = opType, Name = name, Domain = domain };

    /// <summary>An If node whose then-branch holds <paramref name="inside"/>.</summary>
    public static NodeProto If(GraphProto inside) => new()
    {
        OpType = "If",
        Name = "branch",
        Attribute = { new AttributeProto { Name = "then_branch", G = inside } },
    };

    public static EgressVerdict Check(EgressPolicy policy, byte[] output, EgressCheckLimits? limits = null)
    {
        using var stream = new MemoryStream(output, writable: false);
        return EgressCheck.Check(policy, stream, limits);
    }
}
