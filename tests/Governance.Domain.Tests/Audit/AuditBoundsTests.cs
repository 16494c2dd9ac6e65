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

    [Fact]
    public void Huge_details_are_cut_to_the_bound_with_markers_and_keep_what_fits()
    {
        var errors = new JsonObject();
        for (var i = 0; i < 255_000; i++)
        {
            errors[$"attestationPolicy.measurements[{i}]"] = new JsonArray("Must be 96 lowercase hex digits (48 bytes).");
        }

        var wide = new JsonArray();
        for (var i = 0; i < 5000; i++)
        {
            wide.Add(new string('x', 100));
        }

        var record = new AuditRecord(AuditActor.Member("alice"), "contract.content_rejected", ["member:alice"], AuditOutcome.Denied,
            new JsonObject { ["contractId"] = "c1", ["errors"] = errors, ["wide"] = wide });

        var details = AuditBounds.Apply(record).Details!;

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(details.ToJsonString()) <= AuditBounds.MaxDetailsBytes, details.ToJsonString()[..200]);
        Assert.Equal("c1", details["contractId"]!.GetValue<string>());
        var kept = details["errors"]!.AsObject();
        Assert.True(kept.Count <= AuditBounds.MaxDetailMembers);
        Assert.Equal("[254745 more members]", kept["…"]!.GetValue<string>());
        Assert.StartsWith("…[omitted: ", details["wide"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Details_that_fit_nowhere_become_one_marker()
    {
        var details = new JsonObject();
        for (var i = 0; i < AuditBounds.MaxDetailMembers; i++)
        {
            details[new string((char)('a' + (i % 26)), 200) + i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new string('v', 8000);
        }

        var record = new AuditRecord(AuditActor.System, "contract.created", [], AuditOutcome.Succeeded, details);
        var bounded = AuditBounds.Apply(record).Details!;

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(bounded.ToJsonString()) <= AuditBounds.MaxDetailsBytes);
        Assert.StartsWith("…[omitted: ", Assert.Single(bounded).Value!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_array_keeps_its_first_items_and_counts_the_rest()
    {
        var items = new JsonArray();
        for (var i = 0; i < AuditBounds.MaxDetailItems + 10; i++)
        {
            items.Add(i);
        }

        var record = new AuditRecord(AuditActor.System, "contract.created", [], AuditOutcome.Succeeded, new JsonObject { ["items"] = items });
        var bounded = AuditBounds.Apply(record).Details!["items"]!.AsArray();

        Assert.Equal(AuditBounds.MaxDetailItems, bounded.Count);
        Assert.Equal("…[11 more items]", bounded[^1]!.GetValue<string>());
    }
}
