using System.Net.Http.Headers;
using System.Text.Json;
using Governance.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.IntegrationTests.Infrastructure;

/// <summary>
/// The real application on a fresh PostgreSQL database of its own. Tests add configuration (bootstrap
/// file, keys) through <see cref="Settings"/> and genesis members through <see cref="AddGenesisMember"/>
/// before the first request (a fixture's constructor is a good place).
/// </summary>
public class GovernanceApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly List<TestMember> genesisMembers = [];
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"governance-test-{Guid.NewGuid():N}");

    /// <summary>
    /// The key-encryption key every instance gets unless a test sets its own: the service signing keys are
    /// sealed with it, and instances sharing a database (replicas) must share it, so it is one per test run.
    /// </summary>
    public static readonly string DefaultKeyEncryptionKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Secrets:KeyEncryptionKeys:0:Id"] = "test-kek",
        ["Secrets:KeyEncryptionKeys:0:Key"] = DefaultKeyEncryptionKey,
    };

    public string ConnectionString { get; private set; } = "";

    /// <summary>The genesis quorum rule: "majority" (default) or "unanimity".</summary>
    public string MembershipQuorum { get; set; } = "majority";

    public bool AllowUnsignedApprovalsForExternalIdentities { get; set; }

    public IReadOnlyList<TestMember> GenesisMembers => genesisMembers;

    /// <summary>Every response this service sent, checked for .NET type and member names.</summary>
    public ResponseBodyRecorder Responses { get; } = new();

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync("api");
        Settings["ConnectionStrings:Governance"] = ConnectionString;
    }

    /// <summary>Adds a founding member with a fresh key to the bootstrap file. Call before the host starts.</summary>
    public TestMember AddGenesisMember(string id, params string[] roles)
    {
        var member = TestMember.Create(id, roles.Length == 0 ? ["member"] : roles);
        genesisMembers.Add(member);
        return member;
    }

    /// <summary>Adds a founding member whose key the test made (e.g. with the CLI). Call before the host starts.</summary>
    public TestMember AddGenesisMember(TestMember member)
    {
        genesisMembers.Add(member);
        return member;
    }

    /// <summary>An HTTP client that signs in as <paramref name="member"/> with a fresh five-minute token.</summary>
    public HttpClient CreateClient(TestMember member)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", member.CreateToken());
        return client;
    }

    /// <summary>An HTTP client sending the given bearer token.</summary>
    public HttpClient CreateClient(string bearerToken)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        return client;
    }

    /// <summary>Moves every committed audit entry into the log now, as the audit API does before it reads.</summary>
    public async Task SequenceAuditAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Governance.Persistence.Audit.AuditSequencer>().CatchUpAsync();
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        var leaks = Responses.Leaks.ToList();
        foreach (var member in genesisMembers)
        {
            member.Dispose();
        }

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        GC.SuppressFinalize(this);
        Assert.True(leaks.Count == 0, "Responses named .NET types or members:\n" + string.Join("\n", leaks));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (genesisMembers.Count > 0 && !Settings.ContainsKey("Governance:BootstrapFile"))
        {
            Settings["Governance:BootstrapFile"] = WriteBootstrapFile();
        }

        builder.UseEnvironment("Testing");
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(Responses));
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(Settings));
        builder.UseSetting("ConnectionStrings:Governance", Settings.GetValueOrDefault("ConnectionStrings:Governance") ?? ConnectionString);

        // Settings read while services are registered (before Build) are only seen as host settings.
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    private string WriteBootstrapFile()
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "bootstrap.json");
        var document = new
        {
            consortium = new { name = "Test consortium" },
            rules = new { membershipQuorum = MembershipQuorum, allowUnsignedApprovalsForExternalIdentities = AllowUnsignedApprovalsForExternalIdentities },
            members = genesisMembers.Select(m => new
            {
                id = m.Id,
                displayName = $"{m.Id} (test)",
                roles = m.Roles,
                keys = new[] { m.PublicJwk },
                externalIdentities = m.ExternalIdentities.Select(i => new { issuer = i.Issuer, subject = i.Subject }),
            }),
        };
        File.WriteAllText(path, JsonSerializer.Serialize(document));
        return path;
    }
}
