namespace Governance.Api.Hosting;

/// <summary>
/// Configuration section "Attestation": how evidence is verified. Defaults: AMD KDS for missing VCEKs and for CRLs,
/// both kept in PostgreSQL, stale CRLs refused, no Azure Attestation providers, only AMD's pinned roots.
/// </summary>
public sealed class AttestationOptions
{
    public const string Section = "Attestation";

    /// <summary>Never fetch VCEKs; evidence must carry its endorsement key (or it must be in the database already).</summary>
    public bool Offline { get; set; }

    /// <summary>AmdKds (default) or AzureCertificateCache.</summary>
    public KdsProvider KdsProvider { get; set; } = KdsProvider.AmdKds;

    /// <summary>Overrides the key distribution service's base URL.</summary>
    public Uri? KdsBaseAddress { get; set; }

    /// <summary>How often evidence may make the service fetch a VCEK (a budget per minute, and how long misses and failures are remembered).</summary>
    public VcekFetchLimits VcekFetches { get; set; } = new();

    /// <summary>Azure Attestation providers whose tokens are accepted (base URLs = token issuers).</summary>
    public List<Uri> MaaProviders { get; set; } = [];

    /// <summary>Tolerated clock difference for token lifetimes.</summary>
    public TimeSpan MaaClockSkew { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Development only: PEM files (ARK + ASK/ASVK) trusted in addition to AMD's roots, e.g. a simulated platform's.</summary>
    public List<string> ExtraTrustedRootFiles { get; set; } = [];

    /// <summary>Check every SEV-SNP chain against AMD's CRL for its product and signer (on by default).</summary>
    public bool CheckRevocation { get; set; } = true;

    /// <summary>Refuse (default) or Accept evidence when no CRL whose nextUpdate is ahead can be had; a revoked key is refused either way.</summary>
    public StaleRevocationListPolicy StaleRevocationLists { get; set; } = StaleRevocationListPolicy.Refuse;

    /// <summary>Where CRLs are fetched; AMD's KDS unless <see cref="KdsBaseAddress"/> names an AMD-protocol service.</summary>
    public Uri? RevocationListBaseAddress { get; set; }

    /// <summary>Development and tests: check chains to extra roots too (AMD's KDS has no CRL for them).</summary>
    public bool CheckExtraRootRevocation { get; set; }

    /// <summary>
    /// Development only: a folder whose ark.pem/ask.pem/asvk.pem (written by `governance demo`) are trusted too,
    /// re-read when they change. Refused in Production.
    /// </summary>
    public string? DevelopmentRootsDirectory { get; set; }
}

public static class AttestationSetup
{
    /// <summary>Registers the <see cref="EvidenceVerifier"/> with a KDS fetcher behind a memory + PostgreSQL endorsement cache.</summary>
    public static WebApplicationBuilder AddGovernanceAttestation(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(AttestationOptions.Section).Get<AttestationOptions>() ?? new AttestationOptions();
        if ((options.ExtraTrustedRootFiles.Count > 0 || !string.IsNullOrEmpty(options.DevelopmentRootsDirectory)) && builder.Environment.IsProduction())
        {
            // A production service must answer only to AMD's pinned roots; extra roots are for development and tests.
            throw new InvalidOperationException("Attestation:ExtraTrustedRootFiles is refused in Production: only AMD's pinned roots are trusted there.");
        }

        builder.Services.AddHttpClient(nameof(KdsVcekSource), client => client.Timeout = TimeSpan.FromSeconds(20));
        builder.Services.AddHttpClient(nameof(MaaSigningKeys), client => client.Timeout = TimeSpan.FromSeconds(20));
        builder.Services.AddSingleton<IEndorsementCache, PostgresEndorsementCache>();
        builder.Services.AddSingleton<IVcekSource>(services =>
        {
            var fetcher = options.Offline
                ? null
                : new KdsVcekSource(services.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(KdsVcekSource)), new KdsOptions { Provider = options.KdsProvider, BaseAddress = options.KdsBaseAddress });
            return new CachingVcekSource(fetcher, services.GetRequiredService<IEndorsementCache>(), limits: options.VcekFetches, time: services.GetRequiredService<TimeProvider>());
        });
        builder.Services.AddHttpClient(nameof(KdsRevocationListSource), client => client.Timeout = TimeSpan.FromSeconds(20));
        builder.Services.AddSingleton<IRevocationListStore, PostgresRevocationListStore>();
        builder.Services.AddSingleton(services => new RevocationChecker(
            new RevocationOptions { Offline = options.Offline, WhenStale = options.StaleRevocationLists, CheckExtraRoots = options.CheckExtraRootRevocation },
            services.GetRequiredService<TimeProvider>(),
            new KdsRevocationListSource(
                services.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(KdsRevocationListSource)),
                options.RevocationListBaseAddress ?? (options.KdsProvider == KdsProvider.AmdKds ? options.KdsBaseAddress : null)),
            services.GetRequiredService<IRevocationListStore>(),
            services.GetRequiredService<ILogger<RevocationChecker>>()));
        EvidenceVerifier Create(IServiceProvider services, IReadOnlyList<SnpTrustRoot> trusted) => new(
            new EvidenceVerifierOptions
            {
                // Offline here means "no KDS"; the durable cache still answers, so the source stays in place.
                Snp = new SnpVerificationOptions { ExtraTrustedRoots = trusted },
                Maa = new MaaOptions { TrustedProviders = options.MaaProviders, ClockSkew = options.MaaClockSkew },
            },
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<IVcekSource>(),
            options.MaaProviders.Count == 0 ? null : services.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(MaaSigningKeys)),
            options.CheckRevocation ? services.GetRequiredService<RevocationChecker>() : null);

        IReadOnlyList<SnpTrustRoot> ConfiguredRoots() =>
            [.. options.ExtraTrustedRootFiles.Select(path => SnpTrustRoot.FromPemBundle(File.ReadAllText(path)))];

        builder.Services.AddSingleton(services => Create(services, ConfiguredRoots()));
        builder.Services.AddSingleton<IEvidenceVerifierProvider>(services => string.IsNullOrEmpty(options.DevelopmentRootsDirectory)
            ? new FixedEvidenceVerifierProvider(services.GetRequiredService<EvidenceVerifier>())
            : new DevelopmentRootsEvidenceVerifierProvider(
                Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, options.DevelopmentRootsDirectory)),
                ConfiguredRoots(),
                roots => Create(services, roots)));
        return builder;
    }
}
