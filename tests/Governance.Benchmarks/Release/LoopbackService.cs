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
        // Seeded through the repository and the domain (one owner approves unsigned); acceptance sealed as the approval use case does.
        var contract = Contract.Create(id, owner, content, now);
        contract.Propose(owner, now);
        contract.Approve(owner, contract.Digest, ApprovalEvidence.UnsignedExternal, amended: null, now);
        contract.AttachAcceptanceSeal(await scope.ServiceProvider.GetRequiredService<IContractAcceptanceSeals>().SealAsync(contract, CancellationToken.None));
        var contracts = scope.ServiceProvider.GetRequiredService<IContractRepository>();
        await using (var work = await scope.ServiceProvider.GetRequiredService<Governance.Domain.IUnitOfWork>().BeginAsync(CancellationToken.None))
        {
            contracts.Add(contract);
            await contracts.RecordTransitionsAsync(contract, CancellationToken.None);
            await work.CommitAsync(CancellationToken.None);
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
