namespace Governance.Cli.Commands;

/// <summary>
/// The starting contract `governance contracts init` writes: two parties, a dataset and a secret, and an attestation
/// policy with every allow* false, commented (JSONC) so that each field says what it means. `contracts new` reads it
/// as it is; the comments are not part of the content, so they do not change its digest.
/// </summary>
internal static class ContractTemplate
{
    /// <summary>How long the template's contract stays valid unless edited.</summary>
    public static readonly TimeSpan DefaultValidity = TimeSpan.FromDays(90);

    /// <summary>A placeholder launch measurement (48 bytes): it pins the workload to an image nobody has, until replaced.</summary>
    public static readonly string PlaceholderMeasurement = new('0', 96);

    public static string Jsonc(string proposer, string partner, DateTimeOffset now)
    {
        static string J(string value) => JsonSerializer.Serialize(value);
        var notAfter = now.UtcDateTime.Date.Add(DefaultValidity).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return $$"""
            // A starting contract between {{proposer}} and {{partner}}. Edit it, then create the draft with
            //   governance contracts new --file THIS_FILE
            // Every party approves the exact content (its SHA-256 digest over RFC 8785 canonical JSON); comments are not content.
            {
              "title": "Joint analysis",
              "description": "What the clean room computes and what may leave it.",
              // Member ids. The proposer must be one of them; every party must approve before anything is released.
              "parties": [{{J(proposer)}}, {{J(partner)}}],
              // Data each party brings. keySecret names the secret, uploaded by the owner (`governance secrets put`),
              // that holds the dataset's decryption key; location is where the clean room reads the encrypted data.
              "datasets": [
                {
                  "owner": {{J(proposer)}},
                  "name": "input-data",
                  "location": "https://storage.example/input-data.parquet",
                  "format": "parquet",
                  "keySecret": "input-data-key"
                }
              ],
              // Other values released into the clean room, each uploaded by its owner.
              "secrets": [
                { "owner": {{J(partner)}}, "name": "model-key" }
              ],
              "cleanRoom": {
                // 0 application sandbox, 1 VMPL + process, 2 nested VM under VMPL, 3 sandbox VM + firewall VM.
                "type": 1,
                // The VM privilege level (0-3) the workload's evidence must come from.
                "vmpl": 0,
                // secure: no egress beyond the encrypted results channel; trusted: egress to endpoints the parties trust;
                // open: egress of outputs that pass an egressPolicy.
                "egress": "secure"
              },
              "attestationPolicy": {
                // The launch measurement (96 hex digits) of the workload image. Replace this placeholder with your image's.
                "measurements": ["{{PlaceholderMeasurement}}"],
                // Which AMD key must sign the report: vcek (the chip's own), vlek (a cloud provider's) or any.
                "signingKey": "vcek",
                // Each of these true would accept weaker evidence: a debug guest (its memory open to the host), a migration
                // agent, simultaneous multithreading, a chip id masked in the report.
                "allowDebug": false,
                "allowMigrationAgent": false,
                "allowSmt": false,
                "allowMaskedChipId": false
              },
              "validity": {
                // Releases stop after this instant (UTC) and after this many releases.
                "notAfter": "{{notAfter}}",
                "maxReleases": 100
              }
            }

            """;
    }
}
