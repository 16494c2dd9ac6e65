using Governance.Api.Audit;

namespace Governance.IntegrationTests.Audit;

/// <summary>
/// One address inventing a thousand identities used to fill the window, after which a real member's failures were
/// counted with neither the member's name nor the address they came from.
/// </summary>
public sealed class SignInFailureRecorderTests
{
    private const string Attacker = "203.0.113.66";

    [Fact]
    public void An_address_inventing_identities_is_counted_under_its_address_and_leaves_room_for_everyone_else()
    {
        var recorder = new SignInFailureRecorder(TimeProvider.System);
        for (var i = 0; i < 1005; i++)
        {
            recorder.Record("unknown-member", $"zz{i:D4}", Attacker);
        }

        for (var i = 0; i < 20; i++)
        {
            recorder.Record("bad-signature", "alice", "198.51.100.9");
        }

        var counts = recorder.TakeWindow().Counts;
        Assert.Equal(20, counts[new SignInFailureKey("bad-signature", "alice", "198.51.100.9")]);
        Assert.Equal(1005 - SignInFailureRecorder.MaxDistinctPerSource, counts[new SignInFailureKey("unknown-member", null, Attacker)]);
        Assert.Equal(SignInFailureRecorder.MaxDistinctPerSource + 2, counts.Count);
    }

    [Fact]
    public void A_member_claimed_from_many_addresses_keeps_its_name_once_the_addresses_are_folded()
    {
        var recorder = new SignInFailureRecorder(TimeProvider.System);
        for (var i = 0; i < 100; i++)
        {
            recorder.Record("bad-signature", "alice", $"2001:db8::{i:x}");
        }

        var counts = recorder.TakeWindow().Counts;
        Assert.Equal(100 - SignInFailureRecorder.MaxDistinctPerSource, counts[new SignInFailureKey("bad-signature", "alice", null)]);
        Assert.All(counts.Keys, key => Assert.Equal("alice", key.ClaimedMember));
    }

    [Fact]
    public void Past_the_window_bound_new_sources_count_under_their_reason_alone()
    {
        var recorder = new SignInFailureRecorder(TimeProvider.System);
        for (var i = 0; i < SignInFailureRecorder.MaxDistinctPerWindow + 50; i++)
        {
            recorder.Record("unknown-member", $"m{i}", $"10.0.{i / 256}.{i % 256}");
        }

        var counts = recorder.TakeWindow().Counts;
        Assert.True(counts.Count <= SignInFailureRecorder.MaxDistinctPerWindow + 1);
        Assert.Equal(SignInFailureRecorder.MaxDistinctPerWindow + 50, counts.Values.Sum());
    }
}
