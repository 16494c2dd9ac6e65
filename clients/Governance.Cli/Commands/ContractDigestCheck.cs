namespace Governance.Cli.Commands;

/// <summary>
/// A party signs the digest it computed itself (RFC 8785 canonical JSON, SHA-256, as the service does) from the content
/// it read, never the service's word for it: a service that showed one content and asked for consent to another is caught here.
/// </summary>
internal static class ContractDigestCheck
{
    /// <summary>
    /// The recomputed digest, or null (with the reason and <paramref name="consequence"/> on stderr) when the service's
    /// digest differs.
    /// </summary>
    public static string? Recompute(ContractView contract, CliOutput output, string consequence = "nothing was signed")
    {
        var local = ContractDigest.ToHex(ContractDigest.Compute(contract.Content));
        if (string.Equals(local, contract.Digest, StringComparison.Ordinal))
        {
            return local;
        }

        output.ErrorConsole.MarkupLine(
            $"[red]error:[/] the service's digest {Markup.Escape(contract.Digest)} is not the digest of the content it sent ({local}); {Markup.Escape(consequence)}.");
        return null;
    }
}
