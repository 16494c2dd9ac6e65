using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Governance.Domain.Release;

namespace Governance.Domain.Tests.Release;

public sealed class CustomRuntimeCheckTests
{
    // HOST_DATA of the genuine reports these policies launched (csc-aci-milan, msteeav-aci-milan).
    [Theory]
    [InlineData("csc-aci-milan", "cadd74f71ebb8fbf9782baab649612520f3c416bc5ce9ac768808ddc8d9b031c")]
    [InlineData("msteeav-aci-milan", "4f4448c67f3c8dfc8de8a5e37125d807dadcc41f06cf23f615dbd52eec777d10")]
    public void Genuine_aci_policy_matches_host_data_but_names_no_runtime(string vector, string hostData)
    {
        var policy = File.ReadAllBytes(VectorPath($"{vector}.cce_policy.rego"));

        var failures = CustomRuntimeCheck.Evaluate(policy, Convert.FromHexString(hostData), "sha256:" + new string('a', 64));

        // These allow-all policies pin no image: the manifest is authentic, the runtime is not in it.
        Assert.Equal([ReleaseRules.RuntimeDigest], failures.Select(f => f.Rule));
    }

    [Fact]
    public void Manifest_naming_the_runtime_and_hashing_to_host_data_passes()
    {
        var runtime = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var manifest = Encoding.UTF8.GetBytes($"{{\"containers\":[{{\"image\":\"cleanroom/runtime@sha256:{runtime}\"}}]}}");

        Assert.Empty(CustomRuntimeCheck.Evaluate(manifest, SHA256.HashData(manifest), $"sha256:{runtime}"));
        Assert.Empty(CustomRuntimeCheck.Evaluate(manifest, SHA256.HashData(manifest), runtime.ToUpperInvariant()));
    }

    [Fact]
    public void Manifest_not_matching_host_data_or_missing_is_refused()
    {
        var runtime = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var manifest = Encoding.UTF8.GetBytes($"runtime {runtime}");
        var otherHostData = RandomNumberGenerator.GetBytes(32);

        var mismatch = CustomRuntimeCheck.Evaluate(manifest, otherHostData, runtime);
        var missing = CustomRuntimeCheck.Evaluate(null, otherHostData, runtime);

        var failure = Assert.Single(mismatch);
        Assert.Equal((ReleaseRules.RuntimeManifest, Convert.ToHexStringLower(otherHostData), Convert.ToHexStringLower(SHA256.HashData(manifest))),
            (failure.Rule, failure.Expected, failure.Actual));
        Assert.Equal([ReleaseRules.RuntimeManifest], missing.Select(f => f.Rule));
    }

    private static string VectorPath(string name, [CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "Vectors", name);
}
