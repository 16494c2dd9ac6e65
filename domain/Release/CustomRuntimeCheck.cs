namespace Governance.Domain.Release;

/// <summary>
/// Custom runtime enforcement: the evidence's HOST_DATA pins the launch manifest (<see cref="LaunchManifest"/>),
/// so the manifest presented must hash to HOST_DATA, and it must launch the contract's runtime:
/// <list type="bullet">
/// <item>a JSON launch manifest must list a component whose digest is the contract's digest and, when the
/// contract sets a signer thumbprint, whose signer is that thumbprint (without a digest, any component with
/// that signer will do);</item>
/// <item>an ACI confidential container policy must contain the digest; it carries no signer, so a contract
/// that pins a signer thumbprint cannot be met by one.</item>
/// </list>
/// Digests and thumbprints are compared as decoded bytes in constant time, so hex case does not matter.
/// </summary>
public static class CustomRuntimeCheck
{
    public static IReadOnlyList<ReleaseFailure> Evaluate(byte[]? manifest, ReadOnlySpan<byte> hostData, ReleaseRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
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

        LaunchManifest parsed;
        try
        {
            parsed = LaunchManifest.Parse(manifest);
        }
        catch (FormatException malformed)
        {
            failures.Add(new ReleaseFailure(ReleaseRules.RuntimeManifest, malformed.Message,
                "a JSON launch manifest or an ACI confidential container policy", "unreadable manifest"));
            return failures;
        }

        failures.AddRange(parsed.Kind == LaunchManifestKind.AciPolicy ? EvaluateAciPolicy(parsed, runtime) : EvaluateComponents(parsed, runtime));
        return failures;
    }

    private static IEnumerable<ReleaseFailure> EvaluateAciPolicy(LaunchManifest policy, ReleaseRuntime runtime)
    {
        if (runtime.Digest is not null)
        {
            // The policy pins images through their layers' dm-verity hashes; the runtime's digest must appear in it.
            var wanted = LaunchManifest.DecodeDigest(runtime.Digest);
            if (wanted is null || !policy.Text.Contains(Convert.ToHexStringLower(wanted), StringComparison.OrdinalIgnoreCase))
            {
                yield return new ReleaseFailure(ReleaseRules.RuntimeDigest,
                    "The ACI confidential container policy does not contain the contract's custom runtime digest.",
                    runtime.Digest, "absent from the policy");
            }
        }

        if (runtime.SignerThumbprint is not null)
        {
            yield return new ReleaseFailure(ReleaseRules.RuntimeSigner,
                "The contract pins the runtime's signer, but an ACI confidential container policy names no signer; launch with a JSON manifest that does.",
                runtime.SignerThumbprint, "no signer (ACI confidential container policy)");
        }
    }

    private static IEnumerable<ReleaseFailure> EvaluateComponents(LaunchManifest manifest, ReleaseRuntime runtime)
    {
        var candidates = manifest.Components;
        if (runtime.Digest is not null)
        {
            var wanted = LaunchManifest.DecodeDigest(runtime.Digest);
            candidates = [.. manifest.Components.Where(c => wanted is not null && c.Digest is not null && CryptographicOperations.FixedTimeEquals(c.Digest, wanted))];
            if (candidates.Count == 0)
            {
                yield return new ReleaseFailure(ReleaseRules.RuntimeDigest,
                    "No component of the launch manifest has the contract's custom runtime digest.",
                    runtime.Digest, Describe(manifest.Components.Select(c => c.Digest), "no component has a digest"));
                yield break;
            }
        }

        if (runtime.SignerThumbprint is not null)
        {
            var wanted = LaunchManifest.DecodeThumbprint(runtime.SignerThumbprint);
            if (wanted is null || !candidates.Any(c => c.Signer is not null && CryptographicOperations.FixedTimeEquals(c.Signer, wanted)))
            {
                yield return new ReleaseFailure(ReleaseRules.RuntimeSigner,
                    runtime.Digest is null
                        ? "No component of the launch manifest is signed by the contract's custom runtime signer."
                        : "The launch manifest's component with the runtime's digest is not signed by the contract's custom runtime signer.",
                    runtime.SignerThumbprint, Describe(candidates.Select(c => c.Signer), "no signer"));
            }
        }
    }

    private static string Describe(IEnumerable<byte[]?> values, string none)
    {
        var present = values.Where(v => v is not null).Select(v => Convert.ToHexStringLower(v!)).Distinct(StringComparer.Ordinal).ToList();
        return present.Count == 0 ? none : string.Join(" | ", present);
    }
}
