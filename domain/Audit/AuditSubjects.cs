namespace Governance.Domain.Audit;

/// <summary>How entries name what they are about; the audit API filters on these (<c>contract:ID</c> above all).</summary>
public static class AuditSubjects
{
    public static string Contract(string id) => $"contract:{id}";

    public static string Contract(Guid id) => $"contract:{id:D}";

    public static string Member(string id) => $"member:{id}";

    public static string Proposal(Guid id) => $"proposal:{id}";

    public static string Key(string keyId) => $"key:{keyId}";

    public static string ServiceKey(string keyId) => $"service-key:{keyId}";

    public static string Secret(string owner, string name) => $"secret:{owner}/{name}";

    /// <summary>The store of secrets as a whole, for operations on every secret.</summary>
    public const string Secrets = "secrets";
}
