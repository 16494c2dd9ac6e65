namespace Governance.Client;

/// <summary>The wire's JSON conventions: camelCase members, camelCase enum strings, no nulls sent.</summary>
public static class GovernanceJson
{
    public static JsonSerializerOptions Options { get; } = Create(writeIndented: false);

    /// <summary>For people reading output (the CLI's --json).</summary>
    public static JsonSerializerOptions Indented { get; } = Create(writeIndented: true);

    private static JsonSerializerOptions Create(bool writeIndented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = writeIndented,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
