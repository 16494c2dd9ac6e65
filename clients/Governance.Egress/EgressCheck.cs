namespace Governance.Egress;

/// <summary>
/// Whether an output may leave an open-egress clean room under the contract's egress policy. The output is read as
/// each allowed format the check knows (today <c>onnx</c>) and passes when it passes the rules of one of them; a format
/// the check cannot read lets nothing out, as bytes it cannot look into are not what the parties allowed.
/// </summary>
public static class EgressCheck
{
    /// <summary>The format names the check can read, as a policy's <c>allowedFormats[].format</c> names them.</summary>
    public static IReadOnlyList<string> CheckableFormats { get; } = [OnnxFormat];

    private const string OnnxFormat = "onnx";

    /// <summary>Checks the file at <paramref name="path"/>; its size is read before any of its bytes.</summary>
    public static EgressVerdict CheckFile(EgressPolicy policy, string path, EgressCheckLimits? limits = null)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        return Check(policy, stream, limits);
    }

    /// <summary>
    /// Checks the output <paramref name="output"/> holds from its position on. A seekable stream's size is read before
    /// its bytes; any other is read into memory up to the largest size allowed, and no further.
    /// </summary>
    public static EgressVerdict Check(EgressPolicy policy, Stream output, EgressCheckLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(output);
        limits ??= EgressCheckLimits.Default;
        var violations = new ViolationList(limits.MaxViolations);
        var format = policy.AllowedFormats.FirstOrDefault(f => string.Equals(f.Format, OnnxFormat, StringComparison.OrdinalIgnoreCase));
        if (format is null)
        {
            violations.Add(EgressRules.FormatNotCheckable, "policy",
                $"the policy allows {string.Join(", ", policy.AllowedFormats.Select(f => Printable.Name(f.Format)))}; the check reads {string.Join(", ", CheckableFormats)}");
            return new EgressVerdict(null, output.CanSeek ? output.Length - output.Position : 0, violations.Kept, violations.More);
        }

        var maxBytes = Math.Min(format.MaxBytes ?? limits.MaxBytes, limits.MaxBytes);
        using var sized = SizedOutput.Open(output, maxBytes);
        if (sized.Length > maxBytes)
        {
            violations.Add(EgressRules.SizeExceeded, "file", sized.Exact
                ? $"{sized.Length} bytes; at most {maxBytes} allowed"
                : $"more than {maxBytes} bytes allowed");
            return new EgressVerdict(format.Format, sized.Length, violations.Kept, violations.More);
        }

        if (OnnxModelReader.Read(sized.Stream, sized.Length, limits, violations) is { } model)
        {
            new OnnxModelCheck(new OnnxOperatorAllowList(format.AllowedOperators), limits, violations).Check(model);
        }

        return new EgressVerdict(format.Format, sized.Length, violations.Kept, violations.More);
    }
}
