using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Governance.Domain.Audit;
using Governance.Domain.Contracts;
using Governance.Domain.Release;
using Governance.Persistence.Release;
using Microsoft.Extensions.DependencyInjection;
using Base64Url = System.Buffers.Text.Base64Url;

namespace Governance.IntegrationTests.Release;

/// <summary>
/// A granted release costs two round trips to PostgreSQL: one read of the nonce, the contract and its secrets, and one
/// statement that uses up the nonce, counts the release and queues its entry. That statement writes only if what was
/// read still holds; otherwise the release is decided again under the contract's lock.
/// </summary>
public sealed class ReleaseRoundTripTests(ReleaseFlowFactory factory) : IClassFixture<ReleaseFlowFactory>
{
    private static readonly byte[] Measurement = RandomNumberGenerator.GetBytes(48);

    private readonly ReleaseDriver driver = new(factory);

    [Fact]
    public async Task A_granted_release_makes_two_round_trips_to_postgres()
    {
        var setup = await driver.SeedAsync(Measurement);
        using var vm = factory.NewVm(Measurement);
        // The first release warms what is cached for every later one (endorsements, service keys, parsed content).
        Assert.Equal(HttpStatusCode.OK, (await driver.ReleaseAsync(vm.Request(setup.ContractId, await driver.ChallengeAsync()))).StatusCode);
        var request = vm.Request(setup.ContractId, await driver.ChallengeAsync());

        // The request carries a trace of its own (traceparent), so only the statements made while serving it count,
        // not those of the service's background loops.
        var statements = new ConcurrentBag<string>();
        using var root = new Activity("release under test").SetIdFormat(ActivityIdFormat.W3C).Start();
        var trace = root.TraceId;
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == "Npgsql" && activity.TraceId == trace)
                {
                    statements.Add(activity.DisplayName);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        using var client = factory.CreateClient();
        using var message = new HttpRequestMessage(HttpMethod.Post, "/release") { Content = JsonContent.Create(request) };
        message.Headers.Add("traceparent", root.Id);
        using var response = await client.SendAsync(message);
        root.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, statements.Count);
        Assert.Equal("2", await driver.ScalarAsync($"SELECT release_count FROM contracts WHERE id = '{setup.ContractId}'"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_grant_whose_contract_was_revoked_or_paused_after_the_read_writes_nothing(bool paused)
    {
        var setup = await driver.SeedAsync(Measurement);
        var nonce = Base64Url.DecodeFromChars(await driver.ChallengeAsync());
        await using var scope = factory.Services.CreateAsyncScope();
        var ledger = scope.ServiceProvider.GetRequiredService<IReleaseLedger>();
        var now = factory.Time.GetUtcNow();
        var snapshot = await ledger.ReadAsync(nonce, Guid.Parse(setup.ContractId), now, CancellationToken.None);
        Assert.Equal(NonceState.Usable, snapshot.Nonce);
        Assert.True(snapshot.Contract!.Eligibility.Allowed);
        Assert.Equal(3, snapshot.Secrets.Count);

        await driver.ChangeAsync(setup.ContractId, c =>
        {
            if (paused)
            {
                c.ChangeConsent(factory.Bob.Id, ConsentSwitch.Execution, false, 1, "paused", ApprovalEvidence.FromSignature("sig", "kid", "{}"), now);
            }
            else
            {
                c.Revoke(factory.Bob.Id, "withdrawn consent", now);
            }
        });

        Assert.False(await ledger.TryRecordGrantAsync(nonce, snapshot.Contract, Grant(snapshot.Contract), Binding, now, CancellationToken.None));
        await AssertNothingWrittenAsync(setup.ContractId, nonce);
    }

    [Fact]
    public async Task A_grant_whose_nonce_was_used_after_the_read_writes_nothing()
    {
        var setup = await driver.SeedAsync(Measurement);
        var nonce = Base64Url.DecodeFromChars(await driver.ChallengeAsync());
        await using var scope = factory.Services.CreateAsyncScope();
        var ledger = scope.ServiceProvider.GetRequiredService<IReleaseLedger>();
        var now = factory.Time.GetUtcNow();
        var snapshot = await ledger.ReadAsync(nonce, Guid.Parse(setup.ContractId), now, CancellationToken.None);

        await using (var other = factory.Services.CreateAsyncScope())
        {
            Assert.Equal(NonceState.Consumed, await other.ServiceProvider.GetRequiredService<ReleaseChallengeStore>().ConsumeAsync(nonce));
        }

        Assert.False(await ledger.TryRecordGrantAsync(nonce, snapshot.Contract!, Grant(snapshot.Contract!), Binding, now, CancellationToken.None));
        Assert.Equal("0", await driver.ScalarAsync($"SELECT release_count FROM contracts WHERE id = '{setup.ContractId}'"));
    }

    [Fact]
    public async Task A_grant_read_at_the_last_release_allowed_writes_nothing_once_another_took_it()
    {
        var setup = await driver.SeedAsync(Measurement, validity: new Protocol.Contracts.ContractValidity { MaxReleases = 1 });
        var first = Base64Url.DecodeFromChars(await driver.ChallengeAsync());
        var second = Base64Url.DecodeFromChars(await driver.ChallengeAsync());
        await using var scope = factory.Services.CreateAsyncScope();
        var ledger = scope.ServiceProvider.GetRequiredService<IReleaseLedger>();
        var now = factory.Time.GetUtcNow();
        var one = await ledger.ReadAsync(first, Guid.Parse(setup.ContractId), now, CancellationToken.None);
        var two = await ledger.ReadAsync(second, Guid.Parse(setup.ContractId), now, CancellationToken.None);

        Assert.True(await ledger.TryRecordGrantAsync(first, one.Contract!, Grant(one.Contract!), Binding, now, CancellationToken.None));
        Assert.False(await ledger.TryRecordGrantAsync(second, two.Contract!, Grant(two.Contract!), Binding, now, CancellationToken.None));

        Assert.Equal("1", await driver.ScalarAsync($"SELECT release_count FROM contracts WHERE id = '{setup.ContractId}'"));
        Assert.Equal("", await driver.ScalarAsync($"SELECT used_at FROM release_challenges WHERE nonce = '\\x{Convert.ToHexStringLower(second)}'"));
    }

    private async Task AssertNothingWrittenAsync(string contractId, byte[] nonce)
    {
        Assert.Equal("0", await driver.ScalarAsync($"SELECT release_count FROM contracts WHERE id = '{contractId}'"));
        Assert.Equal("", await driver.ScalarAsync($"SELECT used_at FROM release_challenges WHERE nonce = '\\x{Convert.ToHexStringLower(nonce)}'"));
        Assert.Equal("0", await driver.ScalarAsync(
            $"SELECT count(*) FROM audit_entries WHERE action = '{AuditActions.ReleaseGranted}' AND 'contract:{contractId}' = ANY(subjects)"));
    }

    private static AuditRecord Grant(ReleaseContract contract) => AuditRecord.ReleaseGranted(
        AuditActor.Vm(new string('a', 64)), contract, "sev-snp", new string('a', 64), new System.Text.Json.Nodes.JsonObject(), "thumbprint", [], []);

    private static readonly KeyBinding Binding = new("thumbprint", "{}", new string('a', 64));
}
