using System.Text.Json.Nodes;
using Governance.Domain.Audit;
using Governance.Domain.Validation;

namespace Governance.Domain.Tests.Audit;

public sealed class AuditBoundsTests
{
    [Fact]
    public void A_record_within_bounds_is_returned_as_it_is()
    {
        var record = new AuditRecord(AuditActor.Member("alice"), "contract.approved", ["contract:1", "member:alice"], AuditOutcome.Succeeded,
            new JsonObject { ["reason"] = "fine", ["list"] = new JsonArray(1, "two") });
        Assert.Same(record, AuditBounds.Apply(record));
    }

    [Fact]
    public void Unstorable_characters_are_written_in_a_storable_form()
    {
        // Built in code: theory data cannot carry a lone surrogate intact.
        Assert.Equal("a\\u0000b", AuditBounds.Bound("a\0b", 100));
        Assert.Equal("x\uFFFDy", AuditBounds.Bound("x" + (char)0xD800 + "y", 100));
        Assert.Equal("\uFFFD", AuditBounds.Bound(((char)0xDC00).ToString(), 100));
        Assert.Equal("ok \uD83D\uDE00", AuditBounds.Bound("ok \uD83D\uDE00", 100));
    }

    [Fact]
    public void Long_values_keep_a_prefix_their_length_and_a_digest_within_the_bound()
    {
        var value = string.Concat(Enumerable.Repeat("\uD83D\uDE00", 1000));
        var bounded = AuditBounds.Bound(value, AuditBounds.MaxSubjectLength);
        Assert.True(bounded.Length <= AuditBounds.MaxSubjectLength);
        Assert.True(StorableText.IsStorable(bounded), "a surrogate pair was cut in half");
        Assert.Contains("[2000 chars, sha256:", bounded, StringComparison.Ordinal);
        Assert.Equal(bounded, AuditBounds.Bound(value, AuditBounds.MaxSubjectLength));
    }

    [Fact]
    public void Every_string_of_a_record_is_bounded()
    {
        var huge = new string('z', 20_000);
        var bounded = AuditBounds.Apply(new AuditRecord(new AuditActor(AuditActorKind.Anonymous, huge), huge, [.. Enumerable.Repeat(huge, 300)], AuditOutcome.Denied,
            new JsonObject { ["a"] = new JsonObject { ["b"] = new JsonArray(huge, "n\0") }, [huge] = 1 }));

        Assert.True(bounded.Actor.Id.Length <= AuditBounds.MaxActorIdLength);
        Assert.True(bounded.Action.Length <= AuditBounds.MaxActionLength);
        Assert.Equal(AuditBounds.MaxSubjects, bounded.Subjects.Count);
        Assert.All(bounded.Subjects, s => Assert.True(s.Length <= AuditBounds.MaxSubjectLength));
        var inner = bounded.Details!["a"]!["b"]!.AsArray();
        Assert.True(inner[0]!.GetValue<string>().Length <= AuditBounds.MaxDetailStringLength);
        Assert.Equal("n\\u0000", inner[1]!.GetValue<string>());
        Assert.All(bounded.Details!, p => Assert.True(p.Key.Length <= AuditBounds.MaxSubjectLength));
    }
}
