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

        var elsewhere = Assert.Throws<DomainException>(() => alice.AddKey(key, "bob", Now));
        Assert.Equal(ErrorKind.Conflict, elsewhere.Kind);
        Assert.Contains("another member", elsewhere.Message, StringComparison.Ordinal);
        Assert.Single(alice.Keys);

        var added = alice.AddKey(key, null, Now);
        Assert.Equal(key.KeyId, added.KeyId);
        var again = Assert.Throws<DomainException>(() => alice.AddKey(key, "alice", Now));
        Assert.Equal(ErrorKind.Conflict, again.Kind);
        Assert.Contains("already registered", again.Message, StringComparison.Ordinal);
    }
}
