using System.Diagnostics;
using System.Security.Cryptography;

namespace Governance.Benchmarks.Release;

/// <summary>The machine's raw ECDSA P-384 (SHA-384) verification rate, the yardstick for a release (one report signature).</summary>
internal static class RawVerifyRate
{
    public static double Measure(TimeSpan duration, int threads)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var message = RandomNumberGenerator.GetBytes(0x2A0); // the signed part of an SNP report
        var signature = key.SignData(message, HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        long total = 0;
        var clock = Stopwatch.StartNew();
        Parallel.For(0, threads, _ =>
        {
            using var verifier = ECDsa.Create(key.ExportParameters(false));
            long count = 0;
            while (clock.Elapsed < duration)
            {
                if (!verifier.VerifyData(message, signature, HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
                {
                    throw new InvalidOperationException("verification failed");
                }

                count++;
            }

            Interlocked.Add(ref total, count);
        });
        return total / clock.Elapsed.TotalSeconds;
    }
}
