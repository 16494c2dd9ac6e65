namespace Governance.Egress.Onnx;

/// <summary>
/// The ONNX rules of an egress policy over one parsed model: a graph is present; every node of the main graph, of
/// every subgraph an attribute holds (If, Loop, Scan…), of the training graphs and of every model-local function uses
/// an allowed (domain, operator), a call to a local function included; no tensor keeps its data outside the file.
/// Subgraph depth is bounded by <see cref="EgressCheckLimits.MaxGraphDepth"/>; the nodes were counted before the model was built.
/// </summary>
internal sealed class OnnxModelCheck(OnnxOperatorAllowList allowed, EgressCheckLimits limits, ViolationList violations)
{
    public void Check(ModelProto model)
    {
        if (model.IrVersion <= 0)
        {
            violations.Add(EgressRules.OnnxMalformed, "model", "no ir_version: not an ONNX model");
        }

        if (model.Graph is null)
        {
            violations.Add(EgressRules.OnnxNoGraph, "model", "the model has no graph");
        }
        else
        {
            Graph(model.Graph, "graph", depth: 0);
        }

        for (var i = 0; i < model.TrainingInfo.Count; i++)
        {
            var training = model.TrainingInfo[i];
            if (training.Initialization is { } initialization)
            {
                Graph(initialization, $"training_info[{i}].initialization", depth: 0);
            }

            if (training.Algorithm is { } algorithm)
            {
                Graph(algorithm, $"training_info[{i}].algorithm", depth: 0);
            }
        }

        for (var i = 0; i < model.Functions.Count; i++)
        {
            var function = model.Functions[i];
            var where = $"functions[{i}]({OnnxOperator.Of(function.Domain, function.Name)})";
            Nodes(function.Node, where, depth: 0);
            Attributes(function.AttributeProto, where, depth: 0);
        }
    }

    private void Graph(GraphProto graph, string where, int depth)
    {
        if (depth > limits.MaxGraphDepth)
        {
            violations.Add(EgressRules.OnnxDepthExceeded, where, $"subgraphs nest deeper than {limits.MaxGraphDepth} levels");
            return;
        }

        for (var i = 0; i < graph.Initializer.Count; i++)
        {
            Tensor(graph.Initializer[i], $"{where}.initializer[{i}]");
        }

        for (var i = 0; i < graph.SparseInitializer.Count; i++)
        {
            SparseTensor(graph.SparseInitializer[i], $"{where}.sparse_initializer[{i}]");
        }

        Nodes(graph.Node, where, depth);
    }

    private void Nodes(RepeatedField<NodeProto> nodes, string where, int depth)
    {
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            var at = $"{where}.node[{i}]({Printable.Name(node.Name)})";
            var op = OnnxOperator.Of(node.Domain, node.OpType);
            if (!allowed.Allows(op))
            {
                violations.Add(EgressRules.OnnxOperatorNotAllowed, at, $"operator {op} is not allowed");
            }

            Attributes(node.Attribute, at, depth);
        }
    }

    private void Attributes(RepeatedField<AttributeProto> attributes, string where, int depth)
    {
        foreach (var attribute in attributes)
        {
            var at = $"{where}.{Printable.Name(attribute.Name)}";
            if (attribute.T is { } tensor)
            {
                Tensor(tensor, at);
            }

            for (var i = 0; i < attribute.Tensors.Count; i++)
            {
                Tensor(attribute.Tensors[i], $"{at}[{i}]");
            }

            if (attribute.SparseTensor is { } sparse)
            {
                SparseTensor(sparse, at);
            }

            for (var i = 0; i < attribute.SparseTensors.Count; i++)
            {
                SparseTensor(attribute.SparseTensors[i], $"{at}[{i}]");
            }

            if (attribute.G is { } graph)
            {
                Graph(graph, at, depth + 1);
            }

            for (var i = 0; i < attribute.Graphs.Count; i++)
            {
                Graph(attribute.Graphs[i], $"{at}[{i}]", depth + 1);
            }
        }
    }

    private void SparseTensor(SparseTensorProto sparse, string where)
    {
        if (sparse.Values is { } values)
        {
            Tensor(values, where + ".values");
        }

        if (sparse.Indices is { } indices)
        {
            Tensor(indices, where + ".indices");
        }
    }

    private void Tensor(TensorProto tensor, string where)
    {
        if (tensor.DataLocation != TensorProto.Types.DataLocation.Default || tensor.ExternalData.Count > 0)
        {
            violations.Add(EgressRules.OnnxExternalData, $"{where}({Printable.Name(tensor.Name)})",
                "the tensor's data is outside the file (data_location EXTERNAL or external_data entries)");
        }
    }
}
