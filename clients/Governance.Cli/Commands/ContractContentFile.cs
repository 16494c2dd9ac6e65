namespace Governance.Cli.Commands;

/// <summary>
/// Content files are read as the service reads content (<see cref="ContractJson.Options"/>): a member it does not know
/// is refused, not dropped, so a misspelt rule cannot vanish unseen. They may carry comments and trailing commas (the
/// template `contracts init` writes has comments).
/// </summary>
internal static class ContractContentFile
{
    public static JsonSerializerOptions Options { get; } = new(ContractJson.Options)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static async Task<ContractContent> ReadAsync(string path, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            throw new CliUsageException($"The content file {path} does not exist.");
        }

        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<ContractContent>(stream, Options, ct)
            ?? throw new CliUsageException($"{path} holds no contract content.");
    }
}
