namespace Governance.Attestation.Snp.Validate;

/// <summary>
/// A TCB against a <see cref="TcbMinimum"/>, component by component on the product's own scale. In the per-product
/// form a product the minimum does not name fails: the policy says nothing about what that product must reach.
/// </summary>
internal static class TcbMinimumCheck
{
    public static void Evaluate(TcbMinimum minimum, SnpProduct? product, TcbComponents? tcb, string rulePrefix, string productRule, string field, PolicyFailures failures)
    {
        if (minimum.For(product) is not { } applies)
        {
            var named = string.Join(" | ", new[] { (SnpProduct.Milan, minimum.Milan), (SnpProduct.Genoa, minimum.Genoa), (SnpProduct.Turin, minimum.Turin) }.Where(p => p.Item2 is not null).Select(p => p.Item1));
            failures.Add(productRule, nameof(AttestationClaims.Product), named, product?.ToString() ?? PolicyFailures.Absent);
            return;
        }

        void Component(string name, byte? min, byte? actual)
        {
            if (min is { } m && (actual is not { } value || value < m))
            {
                failures.Add(rulePrefix + name, $"{field}.{name}", $">= {m}", actual?.ToString() ?? PolicyFailures.Absent);
            }
        }

        Component("bootloader", applies.BootLoader, tcb?.BootLoader);
        Component("tee", applies.Tee, tcb?.Tee);
        Component("snp", applies.Snp, tcb?.Snp);
        Component("microcode", applies.Microcode, tcb?.Microcode);
        if (product == SnpProduct.Turin)
        {
            Component("fmc", applies.Fmc, tcb?.Fmc);
        }
    }

    /// <summary>True when every byte of <paramref name="higher"/> is at least the same byte of <paramref name="lower"/>.</summary>
    public static bool AtLeast(TcbVersion higher, TcbVersion lower)
    {
        for (var i = 0; i < 8; i++)
        {
            if ((byte)(higher.Raw >> (8 * i)) < (byte)(lower.Raw >> (8 * i)))
            {
                return false;
            }
        }

        return true;
    }
}
