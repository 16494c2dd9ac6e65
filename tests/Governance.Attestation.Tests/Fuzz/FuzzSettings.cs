using System.Globalization;
using Governance.Attestation.Snp.Abi;

namespace Governance.Attestation.Tests.Fuzz;

/// <summary>
/// Iteration count for property/fuzz tests: GOVERNANCE_FUZZ_ITERATIONS (e.g. 100000 for a full run), a few
/// thousand by default so CI stays fast.
/// </summary>
public static class FuzzSettings
{
    public static long Iterations =>
        long.TryParse(Environment.GetEnvironmentVariable("GOVERNANCE_FUZZ_ITERATIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 3000;

    /// <summary>Runs <paramref name="parse"/>; a <see cref="SnpFormatException"/> is the one accepted failure, anything else escapes.</summary>
    public static T? OnlyFormatException<T>(Func<T> parse)
        where T : class
    {
        try
        {
            return parse();
        }
        catch (SnpFormatException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
            return null;
        }
    }
}
