using System.Security.Cryptography;
using System.Text;

namespace Governance.Domain.Release;

/// <summary>
/// Custom runtime enforcement: the evidence's HOST_DATA pins the launch manifest (on Azure Container
/// Instances the confidential container policy, elsewhere a JSON manifest of what was launched), so the
/// manifest presented must hash to HOST_DATA, and it must name the contract's runtime digest.
/// </summary>
public static class CustomRuntimeCheck
{
    /// <param name="runtimeDigest">The contract's runtime digest; when null only the manifest's integrity is checked.</param>
    public static IReadOnlyList<ReleaseFailure> Evaluate(byte[]? manifest, ReadOnlySpan<byte> hostData, string? runtimeDigest)
    {
        if (manifest is null || manifest.Length == 0)
        {
            return [new ReleaseFailure(ReleaseRules.RuntimeManifest,
                "The contract names a custom runtime; the evidence must carry the launch manifest whose SHA-256 is HOST_DATA.",
                Convert.ToHexStringLower(hostData), "no manifest")];
        }

        var failures = new List<ReleaseFailure>();
        var digest = SHA256.HashData(manifest);
        if (hostData.Length != digest.Length || !CryptographicOperations.FixedTimeEquals(digest, hostData))
        {
            failures.Add(new ReleaseFailure(ReleaseRules.RuntimeManifest,
                "The launch manifest's SHA-256 is not the evidence's HOST_DATA.",
                Convert.ToHexStringLower(hostData), Convert.ToHexStringLower(digest)));
        }

        if (runtimeDigest is null)
        {
            return failures;
        }

        var wanted = BareDigest(runtimeDigest);
        if (wanted.Length == 0 || !Encoding.UTF8.GetString(manifest).Contains(wanted, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add(new ReleaseFailure(ReleaseRules.RuntimeDigest,
                "The launch manifest does not name the contract's custom runtime digest.",
                runtimeDigest, "absent from the manifest"));
        }

        return failures;
    }

    /// <summary>The hex of a digest written as <c>sha256:…</c> or bare, since manifests use either form.</summary>
    private static string BareDigest(string digest)
    {
        var colon = digest.LastIndexOf(':');
        return (colon >= 0 ? digest[(colon + 1)..] : digest).Trim();
    }
}
