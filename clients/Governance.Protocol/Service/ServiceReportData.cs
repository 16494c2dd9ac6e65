namespace Governance.Protocol.Service;

/// <summary>
/// The 64 bytes a service in confidential mode puts in its report's REPORT_DATA:
/// SHA-512( "governance-service-v1" ‖ 0x00 ‖ JCS({buildVersion, consortium, keys, nonce}) ), where keys is
/// {identity, signing, transit} as served and JCS is RFC 8785. Anyone holding the served statement recomputes it, so a
/// report names exactly those keys, that build, that consortium and that nonce.
/// </summary>
public static class ServiceReportData
{
    public const string Label = "governance-service-v1";

    public static byte[] Compute(ServiceAttestedKeys keys, string buildVersion, string consortium, string nonce) =>
        SHA512.HashData([.. Encoding.UTF8.GetBytes(Label), 0, .. CanonicalJson.Serialize(Statement(keys, buildVersion, consortium, nonce))]);

    /// <summary>The JSON object whose canonical form is hashed.</summary>
    public static JsonObject Statement(ServiceAttestedKeys keys, string buildVersion, string consortium, string nonce)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return new JsonObject
        {
            ["buildVersion"] = buildVersion,
            ["consortium"] = consortium,
            ["keys"] = new JsonObject
            {
                ["identity"] = Jwk(keys.Identity),
                ["signing"] = new JsonArray([.. keys.Signing.Select(k => (JsonNode)Jwk(k))]),
                ["transit"] = Jwk(keys.Transit),
            },
            ["nonce"] = nonce,
        };
    }

    private static JsonObject Jwk(Audit.ServiceJwk key) => new()
    {
        ["kty"] = key.Kty,
        ["crv"] = key.Crv,
        ["x"] = key.X,
        ["y"] = key.Y,
        ["kid"] = key.Kid,
        ["use"] = key.Use,
        ["alg"] = key.Alg,
    };
}
