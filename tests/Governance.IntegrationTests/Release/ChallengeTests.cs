using System.Net;
using System.Net.Http.Json;
using Governance.Persistence;
using Governance.Domain.Release;
using Governance.Persistence.Release;
using Governance.Protocol.Release;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Base64Url = System.Buffers.Text.Base64Url;

namespace Governance.IntegrationTests.Release;

public sealed class ChallengeTests(ReleaseFactory factory) : IClassFixture<ReleaseFactory>
{
    [Fact]
    public async Task A_challenge_is_32_fresh_random_bytes_valid_for_five_minutes()
    {
        using var client = factory.CreateClient();

        var first = await (await client.PostAsync("/release/challenges", null)).Content.ReadFromJsonAsync<ReleaseChallenge>();
        var second = await (await client.PostAsync("/release/challenges", null)).Content.ReadFromJsonAsync<ReleaseChallenge>();

        Assert.Equal(32, Base64Url.DecodeFromChars(first!.Nonce).Length);
        Assert.NotEqual(first.Nonce, second!.Nonce);
        Assert.Equal(factory.Time.GetUtcNow().AddMinutes(5), first.ExpiresAt);
    }

    [Fact]
    public async Task A_nonce_is_consumed_once_then_refused_and_expires_on_time()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ReleaseChallengeStore>();
        var used = await store.IssueAsync(TimeSpan.FromMinutes(5));
        var late = await store.IssueAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(NonceState.Consumed, await store.ConsumeAsync(used.Nonce));
        Assert.Equal(NonceState.AlreadyUsed, await store.ConsumeAsync(used.Nonce));
        factory.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(NonceState.Expired, await store.ConsumeAsync(late.Nonce));
        Assert.Equal(NonceState.Unknown, await store.ConsumeAsync(new byte[32]));
    }

    [Fact]
    public async Task Concurrent_transactions_consume_a_nonce_exactly_once()
    {
        byte[] nonce;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            nonce = (await scope.ServiceProvider.GetRequiredService<ReleaseChallengeStore>().IssueAsync(TimeSpan.FromMinutes(5))).Nonce;
        }

        // Each contender holds its transaction open after consuming, as a release does while it checks and encrypts.
        using var gate = new Barrier(8);
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            gate.SignalAndWait();
            var result = await scope.ServiceProvider.GetRequiredService<ReleaseChallengeStore>().ConsumeAsync(nonce);
            await Task.Delay(50);
            await transaction.CommitAsync();
            return result;
        })));

        Assert.Single(results, r => r == NonceState.Consumed);
        Assert.Equal(7, results.Count(r => r == NonceState.AlreadyUsed));
    }

    [Fact]
    public async Task Challenges_are_swept_an_hour_after_they_expire()
    {
        byte[] nonce;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            nonce = (await scope.ServiceProvider.GetRequiredService<ReleaseChallengeStore>().IssueAsync(TimeSpan.FromMinutes(1))).Nonce;
        }

        factory.Time.Advance(TimeSpan.FromMinutes(75));

        var gone = false;
        for (var attempt = 0; attempt < 100 && !gone; attempt++)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            gone = !await scope.ServiceProvider.GetRequiredService<GovernanceDbContext>().ReleaseChallenges.AnyAsync(c => c.Nonce == nonce);
            if (!gone)
            {
                // The sweeper's timer may start after the first advance; later ticks reach it whenever it started.
                await Task.Delay(100);
                factory.Time.Advance(TimeSpan.FromMinutes(10));
            }
        }

        Assert.True(gone);
    }

    [Fact]
    public async Task A_rolled_back_consumption_leaves_the_nonce_usable()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ReleaseChallengeStore>();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        var row = await store.IssueAsync(TimeSpan.FromMinutes(5));
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            Assert.Equal(NonceState.Consumed, await store.ConsumeAsync(row.Nonce));
            await transaction.RollbackAsync();
        }

        Assert.Null(await db.ReleaseChallenges.AsNoTracking().Where(c => c.Nonce == row.Nonce).Select(c => c.UsedAt).SingleAsync());
        Assert.Equal(NonceState.Consumed, await store.ConsumeAsync(row.Nonce));
    }
}

public sealed class ReleaseRateLimitTests(RateLimitedReleaseFactory factory) : IClassFixture<RateLimitedReleaseFactory>
{
    [Fact]
    public async Task Challenges_beyond_the_per_address_limit_get_429_problem_details()
    {
        using var client = factory.CreateClient();
        for (var i = 0; i < RateLimitedReleaseFactory.Limit; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/release/challenges", null)).StatusCode);
        }

        var refused = await client.PostAsync("/release/challenges", null);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }
}
