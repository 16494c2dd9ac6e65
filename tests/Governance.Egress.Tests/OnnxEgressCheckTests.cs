using System.Text;
using Governance.Egress.Onnx.Wire;
using Governance.Protocol.Contracts;
using static Governance.Egress.Tests.OnnxSamples;

namespace Governance.Egress.Tests;

/// <summary>The egress check over genuine ONNX models and hostile variants of them.</summary>
public sealed class OnnxEgressCheckTests
{
    [Fact]
    public void Genuine_models_whose_operators_are_allowed_pass()
    {
        Assert.True(Check(Policy("Relu"), SingleRelu).Passed);
        Assert.True(Check(Policy("PRelu"), PRelu).Passed);
        Assert.True(Check(Policy("Add", "ai.onnx.preview.training:Gradient"), GradientOfAdd).Passed);
        Assert.True(Check(Policy("ai.onnx:Relu"), SingleRelu).Passed);
    }

    [Fact]
    public void A_genuine_model_file_passes_and_the_verdict_names_its_format_and_size()
    {
        var verdict = EgressCheck.CheckFile(Policy(98, "Relu"), PathOf("single_relu_model.onnx"));

        Assert.True(verdict.Passed, string.Join("; ", verdict.Violations));
        Assert.Equal("onnx", verdict.Format);
        Assert.Equal(98, verdict.Bytes);
    }

    [Fact]
    public void The_callers_stream_is_left_open()
    {
        using var stream = new MemoryStream(SingleRelu, writable: false);

        Assert.True(EgressCheck.Check(Policy("Relu"), stream).Passed);
        Assert.True(stream.CanRead);
    }

    [Fact]
    public void An_empty_operator_list_allows_any_operator()
    {
        Assert.True(Check(Policy(), GradientOfAdd).Passed);
    }

    [Fact]
    public void A_disallowed_operator_is_refused_naming_the_node_and_the_operator()
    {
        var verdict = Check(Policy("Sigmoid"), SingleRelu);

        var violation = Assert.Single(verdict.Violations);
        Assert.Equal(EgressRules.OnnxOperatorNotAllowed, violation.Rule);
        Assert.StartsWith("graph.node[0]", violation.Where, StringComparison.Ordinal);
        Assert.Contains("ai.onnx:Relu", violation.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_operator_of_another_domain_must_be_named_with_its_domain()
    {
        var verdict = Check(Policy("Add", "Gradient"), GradientOfAdd);

        var violation = Assert.Single(verdict.Violations);
        Assert.Contains("ai.onnx.preview.training:Gradient", violation.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Operators_inside_subgraphs_are_checked()
    {
        var model = With(SingleRelu, new GraphProto { Node = { If(new GraphProto { Name = "then", Node = { Node("Sigmoid", "inner") } }) } });

        var verdict = Check(Policy("Relu", "If"), model);

        var violation = Assert.Single(verdict.Violations);
        Assert.Equal(EgressRules.OnnxOperatorNotAllowed, violation.Rule);
        Assert.Equal("graph.node[1](branch).then_branch.node[0](inner)", violation.Where);
        Assert.True(Check(Policy("Relu", "If", "Sigmoid"), model).Passed);
    }

    [Fact]
    public void Model_local_functions_and_the_nodes_that_call_them_are_checked()
    {
        var model = With(SingleRelu, new ModelProto
        {
            Graph = new GraphProto { Node = { Node("Block", "call", "custom") } },
            Functions = { new FunctionProto { Name = "Block", Domain = "custom", Node = { Node("Sigmoid", "body") } } },
        });

        var verdict = Check(Policy("Relu", "custom:Block"), model);

        var violation = Assert.Single(verdict.Violations);
        Assert.Equal("functions[0](custom:Block).node[0](body)", violation.Where);
        Assert.Single(Check(Policy("Relu", "Sigmoid"), model).Violations, v => v.Detail.Contains("custom:Block", StringComparison.Ordinal));
    }

    [Fact]
    public void Training_graphs_are_checked()
    {
        var model = With(SingleRelu, new ModelProto { TrainingInfo = { new TrainingInfoProto { Algorithm = new GraphProto { Node = { Node("Sigmoid") } } } } });

        Assert.Equal("training_info[0].algorithm.node[0](n)", Assert.Single(Check(Policy("Relu"), model).Violations).Where);
    }

    [Fact]
    public void A_tensor_with_external_data_is_refused_wherever_it_sits()
    {
        var external = new TensorProto { Name = "w", DataLocation = TensorProto.Types.DataLocation.External };
        var listed = new TensorProto { Name = "v", ExternalData = { new StringStringEntryProto { Key = "location", Value = "/etc/shadow" } } };
        var unknownLocation = new TensorProto { Name = "u", DataLocation = (TensorProto.Types.DataLocation)7 };
        var constant = new NodeProto { OpType = "Constant", Name = "c", Attribute = { new AttributeProto { Name = "value", T = listed } } };
        var sparse = new SparseTensorProto { Values = external, Indices = new TensorProto { Name = "i" } };
        var model = With(PRelu, new GraphProto
        {
            Initializer = { external, unknownLocation },
            SparseInitializer = { sparse },
            Node = { If(new GraphProto { Node = { constant } }) },
        });

        var verdict = Check(Policy(), model);

        Assert.All(verdict.Violations, v => Assert.Equal(EgressRules.OnnxExternalData, v.Rule));
        Assert.Equal(
            ["graph.initializer[1](w)", "graph.initializer[2](u)", "graph.sparse_initializer[0].values(w)", "graph.node[1](branch).then_branch.node[0](c).value(v)"],
            verdict.Violations.Select(v => v.Where));
    }

    [Fact]
    public void An_output_over_the_size_limit_is_refused_before_it_is_read()
    {
        var verdict = Check(Policy(97, "Relu"), SingleRelu);

        var violation = Assert.Single(verdict.Violations);
        Assert.Equal(EgressRules.SizeExceeded, violation.Rule);
        Assert.Equal("98 bytes; at most 97 allowed", violation.Detail);
        Assert.True(Check(Policy(98, "Relu"), SingleRelu).Passed);
    }

    [Fact]
    public void A_stream_that_cannot_seek_is_read_no_further_than_one_byte_past_the_limit()
    {
        using var endless = new EndlessStream();

        var verdict = EgressCheck.Check(Policy(1000, "Relu"), endless);

        Assert.Equal(EgressRules.SizeExceeded, Assert.Single(verdict.Violations).Rule);
        Assert.Equal(1001, endless.BytesRead);
        using var model = new UnseekableStream(SingleRelu);
        Assert.True(EgressCheck.Check(Policy(1000, "Relu"), model).Passed);
    }

    [Fact]
    public void The_checks_own_ceiling_applies_when_the_policy_sets_no_maximum()
    {
        var verdict = Check(Policy("Relu"), SingleRelu, new EgressCheckLimits { MaxBytes = 10 });

        Assert.Equal(EgressRules.SizeExceeded, Assert.Single(verdict.Violations).Rule);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(20)]
    [InlineData(60)]
    [InlineData(97)]
    public void A_truncated_model_is_refused(int length)
    {
        var verdict = Check(Policy(), SingleRelu[..length]);

        Assert.False(verdict.Passed);
        Assert.Contains(verdict.Violations, v => v.Rule is EgressRules.OnnxMalformed or EgressRules.OnnxNoGraph);
    }

    [Fact]
    public void Garbage_an_empty_file_a_png_and_a_json_file_are_refused()
    {
        var random = new Random(16);
        var garbage = new byte[4096];
        random.NextBytes(garbage);
        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89];
        var json = Encoding.UTF8.GetBytes("""{"title":"A model","graph":{"node":[{"op_type":"Relu"}]}}""");

        foreach (var output in new[] { garbage, [], png, json })
        {
            var verdict = Check(Policy(), output);
            Assert.False(verdict.Passed);
            Assert.Contains(verdict.Violations, v => v.Rule is EgressRules.OnnxMalformed or EgressRules.OnnxNoGraph);
        }
    }

    [Fact]
    public void A_policy_that_allows_no_format_the_check_reads_lets_nothing_out()
    {
        var policy = new EgressPolicy { AllowedFormats = [new AllowedOutputFormat { Format = "csv" }] };

        var verdict = Check(policy, SingleRelu);

        Assert.Null(verdict.Format);
        Assert.Equal(EgressRules.FormatNotCheckable, Assert.Single(verdict.Violations).Rule);
    }

    [Fact]
    public void Subgraphs_nested_deeper_than_the_limit_are_refused()
    {
        var graph = new GraphProto { Node = { Node("Relu") } };
        for (var i = 0; i < 3; i++)
        {
            graph = new GraphProto { Node = { If(graph) } };
        }

        var model = With(SingleRelu, graph);

        Assert.True(Check(Policy(), model, new EgressCheckLimits { MaxGraphDepth = 3 }).Passed);
        Assert.Equal(EgressRules.OnnxDepthExceeded, Assert.Single(Check(Policy(), model, new EgressCheckLimits { MaxGraphDepth = 2 }).Violations).Rule);
    }

    [Fact]
    public void Nesting_past_the_parsers_depth_is_refused_as_malformed()
    {
        var graph = new GraphProto();
        for (var i = 0; i < 40; i++)
        {
            graph = new GraphProto { Node = { If(graph) } };
        }

        var verdict = Check(Policy(), With(SingleRelu, graph));

        Assert.Equal(EgressRules.OnnxMalformed, Assert.Single(verdict.Violations).Rule);
    }

    [Fact]
    public void A_model_with_more_nodes_than_the_limit_is_refused_once()
    {
        var verdict = Check(Policy(), GradientOfAdd, new EgressCheckLimits { MaxNodes = 1 });

        Assert.Equal(EgressRules.OnnxTooManyNodes, Assert.Single(verdict.Violations).Rule);
        Assert.True(Check(Policy(), GradientOfAdd, new EgressCheckLimits { MaxNodes = 2 }).Passed);
    }

    [Fact]
    public void Nodes_are_counted_in_subgraphs_and_functions_before_the_model_is_built()
    {
        // 20,000 empty nodes, two bytes each: what the parser would build for them is far larger than the file.
        var empty = new byte[40_000];
        for (var i = 0; i < empty.Length; i += 2)
        {
            empty[i] = 0x0A;
        }

        var graph = new GraphProto { Node = { If(new GraphProto { Node = { Node("Relu"), Node("Relu") } }) } };
        var model = With(With(SingleRelu, graph), new ModelProto { Functions = { new FunctionProto { Node = { Node("Relu") } } } });
        byte[] crowded = [.. SingleRelu, 0x3A, 0xC0, 0xB8, 0x02, .. empty];

        Assert.Equal(EgressRules.OnnxTooManyNodes, Assert.Single(Check(Policy(), model, new EgressCheckLimits { MaxNodes = 4 }).Violations).Rule);
        Assert.True(Check(Policy(), model, new EgressCheckLimits { MaxNodes = 5 }).Passed);
        Assert.Equal(EgressRules.OnnxTooManyNodes, Assert.Single(Check(Policy(), crowded, new EgressCheckLimits { MaxNodes = 10_000 }).Violations).Rule);
    }

    [Fact]
    public void A_model_with_more_messages_than_the_limit_is_refused()
    {
        var verdict = Check(Policy(), PRelu, new EgressCheckLimits { MaxMessages = 2 });

        Assert.Equal(EgressRules.OnnxTooManyMessages, Assert.Single(verdict.Violations).Rule);
    }

    [Fact]
    public void Violations_are_listed_up_to_the_limit_and_names_from_the_output_are_printable_and_short()
    {
        var graph = new GraphProto();
        for (var i = 0; i < 5; i++)
        {
            graph.Node.Add(Node("Evil\nop", "line\r\nbreak" + new string('x', 200)));
        }

        var verdict = Check(Policy("Relu"), With(SingleRelu, graph), new EgressCheckLimits { MaxViolations = 3 });

        Assert.Equal(3, verdict.Violations.Count);
        Assert.True(verdict.MoreViolations);
        var violation = verdict.Violations[0];
        Assert.Equal("operator ai.onnx:Evil?op is not allowed", violation.Detail);
        Assert.DoesNotContain('\n', violation.Where);
        Assert.True(violation.Where.Length < 100, violation.Where);
    }

    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)0x0A, offset, count);
            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class UnseekableStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }
}
