namespace Governance.Attestation.Snp.Verify;

/// <summary>
/// AMD's genuine ARK, ASK and ASVK certificates for Milan, Genoa and Turin, embedded in this assembly and pinned
/// by the SHA-256 of their DER encoding. Evidence never chooses the root: a report verifies only when its VEK
/// chains to one of these (or to a root the caller configured explicitly).
/// </summary>
public static class AmdRoots
{
    /// <summary>SHA-256 of each embedded certificate's DER, keyed by resource name.</summary>
    public static readonly IReadOnlyDictionary<string, string> PinnedSha256 = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["milan-ark"] = "69d063b45344d26a2e94e1f4210de49ef555308287d4c174445c95639a540bcd",
        ["milan-ask"] = "67d303bd3905fd38db8b20e0793699870e7fa612eaad5dec358293fd8c0bac1b",
        ["milan-asvk"] = "c5e081f59b7efab1fe2f8b505e159704e72f29cab7ef7cf628a05a42439082f5",
        ["genoa-ark"] = "4c6598d19c18719c5dfd4a7d335f674e5bfe1d8f800cea2cf270c10d103db2f1",
        ["genoa-ask"] = "5464738c1546aed5f2cecf1dc98c5c960a92e8913238a61711bc90ec6e828521",
        ["genoa-asvk"] = "197e610743a917d6b9bb982a5a9226ccc0a15b611be0619e626aca9151457372",
        ["turin-ark"] = "1f084161a44bb6d93778a904877d4819cafa5d05ef4193b2ded9dd9c73dd3f6a",
        ["turin-ask"] = "5b77ef5fe7a7a004fd9032668fba9d0fda22f88c4442069a479636a6ae3b3185",
        ["turin-asvk"] = "104e10a8bd060a3c20a434261a57d0588fd65a88915b4f65b08bdecaf8df1a3c",
    };

    private static readonly Lazy<IReadOnlyList<SnpTrustRoot>> Roots = new(Load);

    /// <summary>The pinned roots, one per product.</summary>
    public static IReadOnlyList<SnpTrustRoot> BuiltIn => Roots.Value;

    /// <summary>The pinned root of <paramref name="product"/>.</summary>
    public static SnpTrustRoot For(SnpProduct product) => BuiltIn.Single(r => r.Product == product);

    private static IReadOnlyList<SnpTrustRoot> Load() =>
        [.. Enum.GetValues<SnpProduct>().Select(product =>
        {
            var prefix = product.ToString().ToLowerInvariant();
            return SnpTrustRoot.Create(product, LoadPinned($"{prefix}-ark"), [LoadPinned($"{prefix}-ask"), LoadPinned($"{prefix}-asvk")], builtIn: true);
        })];

    private static X509Certificate2 LoadPinned(string name)
    {
        var assembly = typeof(AmdRoots).Assembly;
        var resource = $"Governance.Attestation.Snp.Verify.Roots.{name}.pem";
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded AMD certificate {resource} is missing.");
        using var reader = new StreamReader(stream);
        var certificate = X509Certificate2.CreateFromPem(reader.ReadToEnd());
        var actual = Convert.ToHexStringLower(SHA256.HashData(certificate.RawData));
        if (!CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(actual), System.Text.Encoding.ASCII.GetBytes(PinnedSha256[name])))
        {
            throw new InvalidOperationException($"Embedded AMD certificate {name} does not match its pinned SHA-256.");
        }

        return certificate;
    }
}
