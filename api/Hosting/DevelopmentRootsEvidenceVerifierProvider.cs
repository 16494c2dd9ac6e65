namespace Governance.Api.Hosting;

/// <summary>
/// Development only: also trusts the simulated platform whose ARK/ASK/ASVK PEM files sit in a folder, and
/// rebuilds the verifier when they change, because `governance demo` mints a fresh simulated platform each run.
/// </summary>
internal sealed class DevelopmentRootsEvidenceVerifierProvider(
    string directory,
    IReadOnlyList<SnpTrustRoot> configuredRoots,
    Func<IReadOnlyList<SnpTrustRoot>, EvidenceVerifier> create) : IEvidenceVerifierProvider
{
    private static readonly string[] RootFiles = ["ark.pem", "ask.pem", "asvk.pem"];
    private readonly Lock _gate = new();
    private DateTime _stamp = DateTime.MinValue;
    private EvidenceVerifier? _current;

    public EvidenceVerifier Current
    {
        get
        {
            var files = RootFiles.Select(name => Path.Combine(directory, name)).ToArray();
            var present = files.All(File.Exists);
            var stamp = present ? files.Max(File.GetLastWriteTimeUtc) : DateTime.MinValue;
            lock (_gate)
            {
                if (_current is null || stamp != _stamp)
                {
                    var roots = present
                        ? [.. configuredRoots, SnpTrustRoot.FromPemBundle(string.Join("\n", files.Select(File.ReadAllText)))]
                        : configuredRoots;
                    _current = create(roots);
                    _stamp = stamp;
                }

                return _current;
            }
        }
    }
}
