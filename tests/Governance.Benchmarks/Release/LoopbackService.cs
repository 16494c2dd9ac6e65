using System.Security.Cryptography;
using Governance.Attestation;
using Governance.Attestation.Snp.Simulation;
using Governance.Domain.Audit;
using Governance.Domain.Contracts;
using Governance.Persistence.Contracts;
using Governance.Persistence.Secrets;
using Governance.Protocol.Contracts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Governance.Benchmarks.Release;

/// <summary>
/// The real service on Kestrel (127.0.0.1) inside the benchmark process, on its own database, trusting a simulated
/// AMD-like platform as an extra root (here only), with contracts seeded straight through the stores.
/// </summary>
internal sealed class LoopbackService(SimulatedSnpPlatform platform, string connectionString) : WebApplicationFactory<Program>
{
    public async Task<string> SeedContractAsync(byte[] measurement, int index)
    {
        await using var scope = Services.CreateAsyncScope();
        var secrets = scope.ServiceProvider.GetRequiredService<ISecretStore>();
        var owner = "bench-owner";
        await secrets.PutAsync(owner, $"secret-{index}", RandomNumberGenerator.GetBytes(256), AuditActor.Member(owner));
        await secrets.PutAsync(owner, $"key-{index}", RandomNumberGenerator.GetBytes(32), AuditActor.Member(owner));
        var content = new ContractContent
        {
            Title = $"bench {index}",
            Parties = [owner],
            Secrets = [new SecretSpec { Owner = owner, Name = $"secret-{index}" }],
            Datasets = [new DatasetSpec { Owner = owner, Name = "data", Location = "https://storage.example/d", Format = "parquet", KeySecret = $"key-{index}" }],
            CleanRoom = new CleanRoomProfile { Type = 1, Vmpl = 0 },
            AttestationPolicy = new AttestationPolicySpec { Measurements = [Convert.ToHexStringLower(measurement)] },
        };
        var id = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        var store = scope.ServiceProvider.GetRequiredService<IContractStore>();
        await store.AddAsync(Contract.Create(id, owner, content, now));
        await using (var propose = Services.CreateAsyncScope())
        {
            await propose.ServiceProvider.GetRequiredService<IContractStore>().ChangeAsync(id, _ => true, (c, _) => { c.Propose(owner, now); return Task.FromResult<Contract?>(null); });
        }

        await using (var approve = Services.CreateAsyncScope())
        {
            await approve.ServiceProvider.GetRequiredService<IContractStore>().ChangeAsync(id, _ => true, (c, _) =>
            {
                c.Approve(owner, c.Digest, ApprovalEvidence.UnsignedExternal, now);
                return Task.FromResult<Contract?>(null);
            });
        }

        return id.ToString("D");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Benchmark");
        builder.UseSetting("ConnectionStrings:Governance", connectionString);
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Secrets:KeyEncryptionKeys:0:Id"] = "bench",
            ["Secrets:KeyEncryptionKeys:0:Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Release:RateLimit:PermitLimit"] = "1000000",
            ["Logging:LogLevel:Default"] = "Warning",
        }));
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(new EvidenceVerifier(
                new EvidenceVerifierOptions { Snp = new() { ExtraTrustedRoots = [platform.TrustRoot], Offline = true } }, TimeProvider.System));
            services.AddGovernanceContractsPersistence();
        });
    }
}
