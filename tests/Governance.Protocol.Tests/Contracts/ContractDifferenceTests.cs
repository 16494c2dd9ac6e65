using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Governance.Protocol.Canonical;
using Governance.Protocol.Contracts;

namespace Governance.Protocol.Tests.Contracts;

public sealed class ContractDifferenceTests
{
    private static readonly ContractContent Original = new()
    {
        Title = "Joint fraud model",
        Parties = ["alice", "bob"],
        Datasets =
        [
            new DatasetSpec { Owner = "alice", Name = "transactions", Location = "https://data.example/alice/tx", Format = "parquet", KeySecret = "tx-key" },
            new DatasetSpec { Owner = "bob", Name = "labels", Location = "https://data.example/bob/labels", Format = "csv", KeySecret = "labels-key" },
        ],
        Secrets = [new SecretSpec { Owner = "alice", Name = "model-key" }, new SecretSpec { Owner = "bob", Name = "api-token" }],
        CleanRoom = new CleanRoomProfile { Type = 1, Vmpl = 0 },
        AttestationPolicy = new AttestationPolicySpec { Measurements = [new string('a', 96)] },
    };

    [Fact]
    public void Named_things_read_as_added_removed_or_changed_by_name_and_the_patch_gives_the_new_content()
    {
        var amended = Original with
        {
            Parties = ["alice", "bob", "carol"],
            Datasets = [Original.Datasets[0] with { Location = "https://data.example/alice/tx-2" }, Original.Datasets[1]],
            Secrets = [Original.Secrets[1]],
            CleanRoom = Original.CleanRoom with { Vmpl = 1 },
            Validity = new ContractValidity { MaxReleases = 5 },
        };

        var difference = ContractDifference.Between(Original, amended);

        Assert.Equal(
            [
                "parties: added carol",
                "datasets[\"transactions\"].location: https://data.example/alice/tx → https://data.example/alice/tx-2",
                "secrets[\"model-key\"]: removed",
                "cleanRoom.vmpl: 0 → 1",
                "validity.maxReleases: added 5",
            ],
            difference.Changes);
        AssertPatchGives(Original, amended, difference);
        Assert.Contains(difference.Patch, op => op is { Op: "remove", Path: "/secrets/0" });
        Assert.Contains(difference.Patch, op => op is { Op: "add", Path: "/parties/2" });
    }

    [Fact]
    public void The_same_content_has_no_difference()
    {
        var difference = ContractDifference.Between(Original, Original with { });
        Assert.True(difference.IsEmpty);
        Assert.Empty(difference.Changes);
    }

    [Fact]
    public void Reordered_parties_replace_the_list_and_say_so()
    {
        var amended = Original with { Parties = ["bob", "alice"] };
        var difference = ContractDifference.Between(Original, amended);
        Assert.Equal(["parties: order changed"], difference.Changes);
        AssertPatchGives(Original, amended, difference);
    }

    [Fact]
    public void Two_owners_secrets_of_one_name_are_told_apart_by_owner()
    {
        var amended = Original with { Secrets = [.. Original.Secrets, new SecretSpec { Owner = "bob", Name = "model-key" }] };
        var difference = ContractDifference.Between(Original, amended);
        Assert.Equal(["secrets[\"bob/model-key\"]: added {\"owner\":\"bob\",\"name\":\"model-key\"}"], difference.Changes);
        AssertPatchGives(Original, amended, difference);
    }

    [Fact]
    public void Text_with_control_characters_is_shown_escaped()
    {
        var amended = Original with { Title = "Joint\u001b[2Jfraud model" };
        var line = Assert.Single(ContractDifference.Between(Original, amended).Changes);
        Assert.DoesNotContain('\u001b', line);
        Assert.Equal("title: \"Joint fraud model\" → \"Joint\\u001B[2Jfraud model\"", line);
    }

    [Fact]
    public void Any_two_json_values_differ_by_a_patch_that_turns_one_into_the_other()
    {
        Gen.Select(Value(3), Value(3)).Sample((from, to) =>
        {
            var difference = ContractDifference.Between(from, to);
            var patched = JsonPatchApplier.Apply(from, difference.Patch);
            return Canonical(patched) == Canonical(to) && (difference.Patch.Count == 0) == (difference.Changes.Count == 0);
        });
    }

    private static void AssertPatchGives(ContractContent from, ContractContent to, ContractDifference difference)
    {
        var patched = JsonPatchApplier.Apply(JsonSerializer.SerializeToNode(from, ContractJson.Options), difference.Patch);
        Assert.Equal(Canonical(JsonSerializer.SerializeToNode(to, ContractJson.Options)), Canonical(patched));

        // The wire form round-trips: what a console receives applies the same way.
        var wire = JsonSerializer.Deserialize<List<JsonPatchOperation>>(JsonSerializer.Serialize(difference.Patch, ContractJson.Options), ContractJson.Options)!;
        Assert.Equal(Canonical(patched), Canonical(JsonPatchApplier.Apply(JsonSerializer.SerializeToNode(from, ContractJson.Options), wire)));
    }

    private static string Canonical(JsonNode? node) => Encoding.UTF8.GetString(CanonicalJson.Serialize(node));

    // Small alphabets, so generated pairs share keys, names and values often enough to exercise every path of the walk.
    private static Gen<JsonNode?> Value(int depth)
    {
        var scalar = Gen.OneOf(
            Gen.OneOf("a", "b", "c", "d").Select(s => (JsonNode?)JsonValue.Create(s)),
            Gen.Int[0, 3].Select(i => (JsonNode?)JsonValue.Create(i)),
            Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)));
        if (depth == 0)
        {
            return scalar;
        }

        var inner = Value(depth - 1);
        var named = Gen.Select(Gen.OneOf("alice", "bob"), Gen.OneOf("k1", "k2", "k3"), inner)
            .Select((owner, name, value) => (JsonNode?)new JsonObject { ["owner"] = owner, ["name"] = name, ["value"] = value?.DeepClone() });
        var array = Gen.OneOf(scalar, named, inner).Array[0, 5]
            .Select(items => (JsonNode?)new JsonArray([.. items.Select(i => i?.DeepClone())]));
        var obj = Gen.Select(Gen.OneOf("x", "y", "a/b", "t~1", "with space").Array[0, 4], inner.Array[4])
            .Select((keys, values) =>
            {
                var node = new JsonObject();
                for (var i = 0; i < keys.Length; i++)
                {
                    node[keys[i]] = values[i]?.DeepClone();
                }

                return (JsonNode?)node;
            });
        return Gen.OneOf(scalar, array, obj);
    }
}
