namespace Governance.Api.Release;

/// <summary>
/// What an anonymous release request may look like before anything is looked up, verified or recorded: a
/// contract id that is a UUID, a known evidence type, and every member within a size the protocol needs. The
/// caller is anonymous and its request ends up in the audit log, so a malformed one is refused with 400 and
/// leaves no entry (it could not have named a contract anyway).
/// </summary>
internal static class ReleaseRequestRules
{
    /// <summary>The base64url of 32 bytes is 43 characters; a little slack for padding.</summary>
    public const int MaxNonceLength = 64;

    /// <summary>A raw SEV-SNP report is 1184 bytes (1580 base64 characters).</summary>
    public const int MaxReportLength = 16 * 1024;

    /// <summary>An HCL report, an MAA token, or a VCEK/VLEK chain with its CRL: a few kilobytes each.</summary>
    public const int MaxEvidenceMemberLength = 128 * 1024;

    /// <summary>The widest JWK member is a 4096-bit RSA modulus: 683 base64url characters.</summary>
    public const int MaxKeyMemberLength = 1024;

    private static readonly string[] EvidenceTypes = [ReleaseEvidence.SevSnp, ReleaseEvidence.AzureCvm, ReleaseEvidence.MaaToken];

    public static void Validate(ReleaseRequest request)
    {
        if (!Guid.TryParseExact(request.ContractId, "D", out _))
        {
            throw DomainException.BadRequest("contractId is a contract id: a UUID in its 36-character form.");
        }

        if (request.Nonce.Length > MaxNonceLength)
        {
            throw DomainException.BadRequest("nonce is the base64url of 32 bytes from POST /release/challenges.");
        }

        var evidence = request.Evidence;
        if (!EvidenceTypes.Contains(evidence.Type, StringComparer.Ordinal))
        {
            throw DomainException.BadRequest($"evidence.type is one of {string.Join(", ", EvidenceTypes)}.");
        }

        Limit(evidence.Report, MaxReportLength, "evidence.report");
        Limit(evidence.HclReport, MaxEvidenceMemberLength, "evidence.hclReport");
        Limit(evidence.Certificates, MaxEvidenceMemberLength, "evidence.certificates");
        Limit(evidence.Token, MaxEvidenceMemberLength, "evidence.token");

        // The manifest (an ACI policy can be large) is bounded by the request size limit alone.
        var key = request.WrappingKey;
        foreach (var (value, name) in new[]
        {
            (key.Kty, "kty"), (key.N, "n"), (key.E, "e"), (key.Crv, "crv"), (key.X, "x"), (key.Y, "y"),
            (key.Kid, "kid"), (key.Alg, "alg"), (key.Use, "use"), (key.D, "d"),
        })
        {
            Limit(value, MaxKeyMemberLength, $"wrappingKey.{name}");
        }
    }

    private static void Limit(string? value, int maxLength, string member)
    {
        if (value is { Length: var length } && length > maxLength)
        {
            throw DomainException.BadRequest($"{member} is longer than {maxLength} characters.");
        }
    }
}
