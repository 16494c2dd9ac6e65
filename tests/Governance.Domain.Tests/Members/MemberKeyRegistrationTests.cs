using System.Security.Cryptography;
using Governance.Domain.Errors;
using Governance.Domain.Members;

namespace Governance.Domain.Tests.Members;

public sealed class MemberKeyRegistrationTests
{
    private static readonly DateTimeOffset Now = new(2026, 2, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_key_registered_to_another_member_is_refused_and_ones_own_is_refused_as_a_repeat()
    {
        using var first = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var alice = new Member("alice", "Alice", new SortedSet<MemberRole> { MemberRole.Member }, MemberStatus.Active,
            [MemberKey.From(MemberPublicKey.FromEcdsa(first), Now)], []);
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var key = MemberPublicKey.FromEcdsa(ecdsa);

        var elsewhere = Assert.Throws<DomainException>(() => alice.AddKey(key, new KeyRegistration("bob", null), Now));
        Assert.Equal(ErrorKind.Conflict, elsewhere.Kind);
        Assert.Contains("another member", elsewhere.Message, StringComparison.Ordinal);
        Assert.Single(alice.Keys);

        var added = alice.AddKey(key, KeyRegistration.Nowhere, Now);
        Assert.Equal(key.KeyId, added.KeyId);
        var again = Assert.Throws<DomainException>(() => alice.AddKey(key, new KeyRegistration("alice", null), Now));
        Assert.Equal(ErrorKind.Conflict, again.Kind);
        Assert.Contains("already registered", again.Message, StringComparison.Ordinal);
    }

    private static Member Alice()
    {
        using var first = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new Member("alice", "Alice", new SortedSet<MemberRole> { MemberRole.Member }, MemberStatus.Active,
            [MemberKey.From(MemberPublicKey.FromEcdsa(first), Now)], []);
    }

    private static MemberPublicKey NewKey(ECCurve curve)
    {
        using var ecdsa = ECDsa.Create(curve);
        return MemberPublicKey.FromEcdsa(ecdsa);
    }

    [Fact]
    public void A_member_holds_at_most_the_bound_of_active_keys_and_a_removed_one_makes_room()
    {
        var alice = Alice();
        while (alice.ActiveKeys.Count() < Member.MaxActiveKeys)
        {
            alice.AddKey(NewKey(ECCurve.NamedCurves.nistP256), KeyRegistration.Nowhere, Now);
        }

        var full = Assert.Throws<DomainException>(() => alice.AddKey(NewKey(ECCurve.NamedCurves.nistP256), KeyRegistration.Nowhere, Now));
        Assert.Equal(ErrorKind.Conflict, full.Kind);
        Assert.Contains($"at most {Member.MaxActiveKeys} active", full.Message, StringComparison.Ordinal);
        Assert.Equal(Member.MaxActiveKeys, alice.Keys.Count);

        alice.RemoveKey(alice.Keys[0].KeyId, Now);
        alice.AddKey(NewKey(ECCurve.NamedCurves.nistP256), KeyRegistration.Nowhere, Now);
        Assert.Equal(Member.MaxActiveKeys, alice.ActiveKeys.Count());
    }

    [Fact]
    public void A_recovery_key_never_becomes_a_sign_in_key_whoever_holds_it()
    {
        var alice = Alice();
        var recovery = NewKey(ECCurve.NamedCurves.nistP384);

        var anothers = Assert.Throws<DomainException>(() => alice.AddKey(recovery, new KeyRegistration(null, "bob"), Now));
        Assert.Equal(ErrorKind.Conflict, anothers.Kind);
        Assert.Contains("recovery key", anothers.Message, StringComparison.Ordinal);

        alice.SetRecoveryKey(recovery);
        Assert.Equal(ErrorKind.Conflict, Assert.Throws<DomainException>(() => alice.AddKey(recovery, KeyRegistration.Nowhere, Now)).Kind);
        Assert.Single(alice.Keys);

        var signIn = NewKey(ECCurve.NamedCurves.nistP384);
        alice.AddKey(signIn, KeyRegistration.Nowhere, Now);
        Assert.Equal(ErrorKind.Conflict, Assert.Throws<DomainException>(() => alice.SetRecoveryKey(signIn)).Kind);
    }

    [Fact]
    public void A_genesis_member_lists_at_most_the_bound_of_keys()
    {
        static string Bootstrap(int keys) => $$"""
            {"consortium":{"name":"c"},"members":[{"id":"alice","roles":["member"],
             "keys":[{{string.Join(",", Enumerable.Range(0, keys).Select(_ => NewKey(ECCurve.NamedCurves.nistP256).Jwk))}}]}]}
            """;

        Assert.Equal(Member.MaxActiveKeys, Genesis.Parse(Bootstrap(Member.MaxActiveKeys), Now).Members[0].Keys.Count);
        var refused = Assert.Throws<DomainException>(() => Genesis.Parse(Bootstrap(Member.MaxActiveKeys + 1), Now));
        Assert.Equal(ErrorKind.Unprocessable, refused.Kind);
        Assert.Contains($"at most {Member.MaxActiveKeys}", refused.Message, StringComparison.Ordinal);
    }
}
