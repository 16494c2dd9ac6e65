namespace Governance.Protocol.Audit;

/// <summary>The JSON settings of the audit wire format (camelCase, nulls omitted), shared by server, export files and CLI.</summary>
public static class AuditJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
