namespace Governance.Domain.Members;

/// <summary>What a member may do. Only <see cref="Member"/> proposes, votes and is counted for quorum.</summary>
public enum MemberRole
{
    Member,
    Auditor,
    Operator,
}

public static class MemberRoles
{
    public static string ToWire(this MemberRole role) => role switch
    {
        MemberRole.Member => "member",
        MemberRole.Auditor => "auditor",
        MemberRole.Operator => "operator",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static bool TryParse(string? value, out MemberRole role)
    {
        switch (value)
        {
            case "member": role = MemberRole.Member; return true;
            case "auditor": role = MemberRole.Auditor; return true;
            case "operator": role = MemberRole.Operator; return true;
            default: role = default; return false;
        }
    }

    /// <summary>Parses a role list; at least one role, each known, duplicates folded.</summary>
    public static IReadOnlySet<MemberRole> ParseSet(IEnumerable<string>? values, string field = "roles")
    {
        var roles = new SortedSet<MemberRole>();
        foreach (var value in values ?? [])
        {
            if (!TryParse(value, out var role))
            {
                throw Errors.DomainException.Invalid($"Unknown role '{value}'; roles are member, auditor and operator.",
                    new Dictionary<string, string[]> { [field] = [$"Unknown role '{value}'."] });
            }

            roles.Add(role);
        }

        if (roles.Count == 0)
        {
            throw Errors.DomainException.Invalid("A member needs at least one role.",
                new Dictionary<string, string[]> { [field] = ["At least one role is required."] });
        }

        return roles;
    }
}
