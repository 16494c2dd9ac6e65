namespace Governance.Api.Hosting.OpenApi;

/// <summary>
/// One request body per operation that a collaborator can send from Swagger UI as it stands: safe (every
/// <c>allow*</c> of the contract is false, nothing is released to a debuggable or migratable VM) and valid for the
/// two members <c>alice</c> and <c>bob</c> of the development consortium. Values that only the caller can know (the
/// digest to approve, its signature) are placeholders of the right form.
/// </summary>
internal static class RequestExamples
{
    private const string ExampleDigest = "3f9a1c0d2b4e5f60718293a4b5c6d7e8f9011223344556677889aabbccddeeff";

    // A P-256 public key made for this example only; its private half was discarded.
    private const string ExampleKeyX = "DNB17getqgumI5f3kxiM9LntGmihkYL2AYWrWLjS81w";
    private const string ExampleKeyY = "6s3g5HrR7PkeYU4wRS2j7y-zLuROXwnZ0yt4gtkVu8o";

    public static JsonNode? For(string? operationId) => operationId switch
    {
        "CreateContract" or "EditContract" => Contract(),
        "ApproveContract" => new JsonObject
        {
            ["digest"] = ExampleDigest,
            ["signature"] = "eyJhbGciOiJFUzI1NiIsImtpZCI6IlBBU1RFLVlPVVItS0VZLUlEIn0.UEFTVEUtVEhFLVNJR05FRC1QQVlMT0FE.UEFTVEUtVEhFLVNJR05BVFVSRQ",
        },
        "RejectContract" => new JsonObject { ["reason"] = "The dataset list names a table we did not agree to share." },
        "RevokeContract" => new JsonObject { ["reason"] = "The study ended." },
        "ChangeContractConsent" => new JsonObject
        {
            ["switch"] = "execution",
            ["enabled"] = false,
            ["sequence"] = 1,
            ["signature"] = "eyJhbGciOiJFUzI1NiIsImtpZCI6IlBBU1RFLVlPVVItS0VZLUlEIn0..UEFTVEUtVEhFLVNJR05BVFVSRQ",
            ["reason"] = "Our data protection officer is reviewing the outputs.",
        },
        "Propose" => new JsonObject
        {
            ["kind"] = "addMember",
            ["memberId"] = "dave",
            ["displayName"] = "Dave (Fabrikam)",
            ["roles"] = new JsonArray("member"),
            ["keys"] = new JsonArray(PublicKey()),
        },
        "CastBallot" => new JsonObject { ["vote"] = "approve" },
        "AddOwnKey" => new JsonObject { ["key"] = PublicKey() },
        "PutSecret" => new JsonObject { ["valueBase64"] = "c2FtcGxlIHZhbHVl" },
        _ => null,
    };

    /// <summary>The smallest contract that passes validation: two parties, no data yet, a pinned workload, nothing relaxed.</summary>
    private static JsonObject Contract() => new()
    {
        ["title"] = "Joint fraud model",
        ["description"] = "Alice and Bob train a fraud model on their joined transactions; only aggregate metrics leave the clean room.",
        ["parties"] = new JsonArray("alice", "bob"),
        ["datasets"] = new JsonArray(),
        ["secrets"] = new JsonArray(),
        ["cleanRoom"] = new JsonObject { ["type"] = 1, ["vmpl"] = 1, ["egress"] = "secure" },
        ["attestationPolicy"] = new JsonObject
        {
            ["measurements"] = new JsonArray(new string('a', 96)),
            ["products"] = new JsonArray("milan", "genoa"),
            ["signingKey"] = "vcek",
            ["allowDebug"] = false,
            ["allowMigrationAgent"] = false,
            ["allowSmt"] = false,
            ["allowMaskedChipId"] = false,
        },
        ["validity"] = new JsonObject { ["maxReleases"] = 10 },
    };

    private static JsonObject PublicKey() => new() { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = ExampleKeyX, ["y"] = ExampleKeyY };
}
