using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Governance.Domain.Release;

namespace Governance.Domain.Tests.Release;

public sealed class CustomRuntimeCheckTests
{
    private static readonly string RuntimeDigest = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
    private static readonly string Signer = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
    private static readonly string OtherSigner = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

    // HOST_DATA of the genuine reports these policies launched (csc-aci-milan, msteeav-aci-milan).
    [Theory]
    [InlineData("csc-aci-milan", "cadd74f71ebb8fbf9782baab649612520f3c416bc5ce9ac768808ddc8d9b031c")]
    [InlineData("msteeav-aci-milan", "4f4448c67f3c8dfc8de8a5e37125d807dadcc41f06cf23f615dbd52eec777d10")]
    public void Genuine_aci_policy_matches_host_data_but_names_no_runtime(string vector, string hostData)
    {
        var policy = File.ReadAllBytes(VectorPath($"{vector}.cce_policy.rego"));

        var failures = CustomRuntimeCheck.Evaluate(policy, Convert.FromHexString(hostData), Runtime("sha256:" + new string('a', 64)));

        // These allow-all policies pin no image: the manifest is authentic, the runtime is not in it.
        var failure = Assert.Single(failures);
        Assert.Equal((ReleaseRules.RuntimeDigest, "sha256:" + new string('a', 64), "absent from the policy"), (failure.Rule, failure.Expected, failure.Actual));
    }

    [Fact]
    public void Aci_policy_containing_the_digest_passes_the_digest_check()
    {
        var policy = Encoding.UTF8.GetBytes($"package policy\n\ncontainers := [{{\"layers\": [\"{RuntimeDigest}\"]}}]\n");

        Assert.Empty(CustomRuntimeCheck.Evaluate(policy, SHA256.HashData(policy), Runtime(RuntimeDigest.ToUpperInvariant())));
    }

    [Fact]
    public void Aci_policy_cannot_satisfy_a_contract_that_pins_the_signer()
    {
        var policy = Encoding.UTF8.GetBytes($"package policy\n\ncontainers := [{{\"layers\": [\"{RuntimeDigest}\"]}}]\n");

        var failure = Assert.Single(CustomRuntimeCheck.Evaluate(policy, SHA256.HashData(policy), Runtime(RuntimeDigest, Signer)));

        Assert.Equal((ReleaseRules.RuntimeSigner, Signer), (failure.Rule, failure.Expected));
        Assert.Contains("ACI", failure.Actual, StringComparison.Ordinal);
        Assert.Contains("names no signer", failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Container_image_manifest_naming_the_runtime_and_hashing_to_host_data_passes()
    {
        var manifest = Encoding.UTF8.GetBytes($"{{\"containers\":[{{\"image\":\"cleanroom/runtime@sha256:{RuntimeDigest}\"}}]}}");

        Assert.Empty(CustomRuntimeCheck.Evaluate(manifest, SHA256.HashData(manifest), Runtime($"sha256:{RuntimeDigest}")));
        Assert.Empty(CustomRuntimeCheck.Evaluate(manifest, SHA256.HashData(manifest), Runtime(RuntimeDigest.ToUpperInvariant())));
    }

    [Fact]
    public void Component_with_the_digest_and_the_signer_passes_in_any_hex_case()
    {
        var manifest = Components(("sidecar", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), OtherSigner),
            ("spark", RuntimeDigest.ToUpperInvariant(), Signer.ToUpperInvariant()));

        Assert.Empty(CustomRuntimeCheck.Evaluate(manifest, SHA256.HashData(manifest), Runtime(RuntimeDigest, Signer)));
    }

    [Fact]
    public void Signer_alone_is_met_by_any_component_it_signed()
    {
        var manifest = Components(("spark", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), Signer));

        Assert.Empty(CustomRuntimeCheck.Evaluate(manifest, SHA256.HashData(manifest), Runtime(digest: null, Signer)));
    }

    [Fact]
    public void Component_with_the_digest_but_another_signer_is_refused_naming_both()
    {
        var manifest = Components(("spark", RuntimeDigest, OtherSigner), ("other", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), Signer));

        var failure = Assert.Single(CustomRuntimeCheck.Evaluate(manifest, SHA256.HashData(manifest), Runtime(RuntimeDigest, Signer)));

        // Another component's signer does not count: the runtime itself must be signed by the pinned signer.
        Assert.Equal((ReleaseRules.RuntimeSigner, Signer, OtherSigner), (failure.Rule, failure.Expected, failure.Actual));
    }

    [Fact]
    public void Component_with_the_digest_and_no_signer_is_refused_when_the_signer_is_pinned()
    {
        var manifest = Components(("spark", RuntimeDigest, null));

        var failure = Assert.Single(CustomRuntimeCheck.Evaluate(manifest, SHA256.HashData(manifest), Runtime(RuntimeDigest, Signer)));

        Assert.Equal((ReleaseRules.RuntimeSigner, Signer, "no signer"), (failure.Rule, failure.Expected, failure.Actual));
    }

    [Fact]
    public void Manifest_without_the_digest_is_refused_naming_the_digests_it_has()
    {
        var present = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var manifest = Components(("spark", present, Signer));

        var failure = Assert.Single(CustomRuntimeCheck.Evaluate(manifest, SHA256.HashData(manifest), Runtime(RuntimeDigest, Signer)));

        Assert.Equal((ReleaseRules.RuntimeDigest, RuntimeDigest, present), (failure.Rule, failure.Expected, failure.Actual));
    }

    [Theory]
    [InlineData("{\"components\":[{\"name\":\"spark\",\"digest\":\"sha256:00\"}]}")]
    [InlineData("{\"components\":[{\"name\":\"spark\",\"signer\":\"not-hex\"}]}")]
    [InlineData("{\"components\":{\"name\":\"spark\"}}")]
    [InlineData("{\"containers\":[{\"image\":\"cleanroom/spark@md5:00\"}]}")]
    [InlineData("{\"components\":[")]
    [InlineData("runtime sha256:0000")]
    public void Unreadable_manifests_are_refused_as_manifest_failures(string text)
    {
        var manifest = Encoding.UTF8.GetBytes(text);

        var failure = Assert.Single(CustomRuntimeCheck.Evaluate(manifest, SHA256.HashData(manifest), Runtime(RuntimeDigest)));

        Assert.Equal(ReleaseRules.RuntimeManifest, failure.Rule);
    }

    [Fact]
    public void Manifest_not_matching_host_data_or_missing_is_refused()
    {
        var manifest = Components(("spark", RuntimeDigest, null));
        var otherHostData = RandomNumberGenerator.GetBytes(32);

        var mismatch = CustomRuntimeCheck.Evaluate(manifest, otherHostData, Runtime(RuntimeDigest));
        var missing = CustomRuntimeCheck.Evaluate(null, otherHostData, Runtime(RuntimeDigest));

        var failure = Assert.Single(mismatch);
        Assert.Equal((ReleaseRules.RuntimeManifest, Convert.ToHexStringLower(otherHostData), Convert.ToHexStringLower(SHA256.HashData(manifest))),
            (failure.Rule, failure.Expected, failure.Actual));
        Assert.Equal([ReleaseRules.RuntimeManifest], missing.Select(f => f.Rule));
    }

    private static ReleaseRuntime Runtime(string? digest, string? signer = null) => new("spark-cleanroom", digest, signer);

    private static byte[] Components(params (string Name, string Digest, string? Signer)[] components) =>
        Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new
        {
            components = components.Select(c => new { name = c.Name, digest = $"sha256:{c.Digest}", signer = c.Signer }),
        }));

    private static string VectorPath(string name, [CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "Vectors", name);
}
