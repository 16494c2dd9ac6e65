namespace Governance.Domain.Members;

/// <summary>The consortium's founding document: its name, rules and first members.</summary>
public sealed record Genesis(string ConsortiumName, ConsortiumRules Rules, IReadOnlyList<Member> Members)
{
    /// <summary>
    /// Parses the bootstrap file: {"consortium":{"name"},"rules":{"membershipQuorum","allowUnsignedApprovalsForExternalIdentities"},
    /// "members":[{"id","displayName","roles":[],"keys":[JWK object or PEM string],"externalIdentities":[{"issuer","subject"}]}]}.
    /// </summary>
    public static Genesis Parse(string json, DateTimeOffset now)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var root = document.RootElement;
            var name = root.TryGetProperty("consortium", out var consortium) && consortium.TryGetProperty("name", out var n) ? n.GetString() : null;
            if (string.IsNullOrWhiteSpace(name))
            {
                throw Invalid("consortium.name is required.");
            }

            var rules = ConsortiumRules.Default;
            if (root.TryGetProperty("rules", out var r))
            {
                if (r.TryGetProperty("membershipQuorum", out var q))
                {
                    rules = QuorumRules.TryParse(q.GetString(), out var rule)
                        ? rules with { MembershipQuorum = rule }
                        : throw Invalid("rules.membershipQuorum must be \"majority\" or \"unanimity\".");
                }

                if (r.TryGetProperty("allowUnsignedApprovalsForExternalIdentities", out var a))
                {
                    rules = rules with { AllowUnsignedApprovalsForExternalIdentities = a.GetBoolean() };
                }
            }

            if (!root.TryGetProperty("members", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw Invalid("members must be a list.");
            }

            var members = list.EnumerateArray().Select(m => ParseMember(m, now)).ToList();
            if (members.Select(m => m.Id).Distinct().Count() != members.Count)
            {
                throw Invalid("A member id is listed twice.");
            }

            if (!members.Any(m => m.IsVoter))
            {
                throw Invalid("At least one member needs the member role, or nobody could ever vote.");
            }

            var keyIds = members.SelectMany(m => m.Keys).Select(k => k.KeyId).ToList();
            if (keyIds.Distinct(StringComparer.Ordinal).Count() != keyIds.Count)
            {
                throw Invalid("The same key is listed for two members.");
            }

            var identities = members.SelectMany(m => m.ExternalIdentities).ToList();
            if (identities.Distinct().Count() != identities.Count)
            {
                throw Invalid("The same external identity is listed twice.");
            }

            return new Genesis(name.Trim(), rules, members);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException)
        {
            throw Invalid($"The bootstrap file is not valid: {exception.Message}");
        }
    }

    private static Member ParseMember(JsonElement element, DateTimeOffset now)
    {
        var id = element.GetProperty("id").GetString();
        var displayName = element.TryGetProperty("displayName", out var d) ? d.GetString() : id;
        var roles = MemberRoles.ParseSet(element.TryGetProperty("roles", out var r)
            ? r.EnumerateArray().Select(x => x.GetString() ?? "")
            : ["member"]);
        var keys = element.TryGetProperty("keys", out var k)
            ? k.EnumerateArray().Select(key => MemberPublicKey.Parse(key.ValueKind == JsonValueKind.String ? key.GetString()! : key.GetRawText())).ToList()
            : [];
        var identities = element.TryGetProperty("externalIdentities", out var e)
            ? e.EnumerateArray().Select(i => ExternalIdentity.Create(i.GetProperty("issuer").GetString(), i.GetProperty("subject").GetString())).ToList()
            : [];
        if (keys.Count == 0 && identities.Count == 0)
        {
            throw Invalid($"Member '{id}' needs at least one key or external identity.");
        }

        if (keys.Count > Member.MaxActiveKeys)
        {
            throw Invalid($"Member '{id}' lists {keys.Count} keys; a member holds at most {Member.MaxActiveKeys}.");
        }

        return new Member(MemberId.Require(id), displayName ?? "", roles, MemberStatus.Active,
            keys.Select(key => MemberKey.From(key, now)), identities);
    }

    private static DomainException Invalid(string detail) => DomainException.Invalid(detail);
}

/// <summary>Rules of the consortium fixed at genesis; the quorum can later change by proposal.</summary>
public sealed record ConsortiumRules(QuorumRule MembershipQuorum, bool AllowUnsignedApprovalsForExternalIdentities)
{
    public static ConsortiumRules Default { get; } = new(QuorumRule.Majority, false);
}
