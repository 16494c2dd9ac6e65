namespace Governance.Attestation.Maa;

/// <summary>
/// Validates a Microsoft Azure Attestation token: issuer is a configured provider, the signature verifies under
/// that provider's keys (fetched from its certs endpoint, never from the token header), the algorithm is
/// allowed, the lifetime holds at the <see cref="TimeProvider"/>'s time, and the attestation type is an SEV-SNP
/// VM. Its x-ms-sevsnpvm-* claims are mapped onto <see cref="AttestationClaims"/>.
/// </summary>
public sealed class MaaTokenValidator(MaaOptions options, MaaSigningKeys keys, TimeProvider timeProvider)
{
    private const string SevSnpVm = "sevsnpvm";
    private readonly JsonWebTokenHandler _handler = new() { MaximumTokenSizeInBytes = 256 * 1024 };

    /// <exception cref="AttestationVerificationException">The token is not valid.</exception>
    public async Task<AttestationClaims> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        JsonWebToken jwt;
        try
        {
            jwt = _handler.ReadJsonWebToken(token);
        }
        // A segment that is not base64url throws FormatException (five segments read as an encrypted token first).
        catch (Exception e) when (e is ArgumentException or SecurityTokenException or FormatException or JsonException)
        {
            throw Fail(AttestationFailureReason.TokenInvalid, "The attestation token is not a well-formed JWS.", e);
        }

        if (jwt.IsEncrypted || string.IsNullOrEmpty(jwt.Alg) || !options.AllowedAlgorithms.Contains(jwt.Alg, StringComparer.Ordinal) || string.Equals(jwt.Alg, "none", StringComparison.OrdinalIgnoreCase))
        {
            throw Fail(AttestationFailureReason.TokenInvalid, $"The attestation token's algorithm '{jwt.Alg}' is not accepted.");
        }

        var provider = options.TrustedProviders.FirstOrDefault(p => SameIssuer(p, jwt.Issuer))
            ?? throw Fail(AttestationFailureReason.TokenIssuerUntrusted, $"The attestation token's issuer '{jwt.Issuer}' is not a configured attestation provider.");

        var result = await ValidateWithKeysAsync(token, provider, forceRefresh: false, cancellationToken);
        // A key the cache does not know may be a rotated one: refetch (rate-limited) and try once more.
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException)
        {
            result = await ValidateWithKeysAsync(token, provider, forceRefresh: true, cancellationToken);
        }

        if (!result.IsValid)
        {
            throw result.Exception switch
            {
                SecurityTokenExpiredException or SecurityTokenNotYetValidException or SecurityTokenNoExpirationException or SecurityTokenInvalidLifetimeException =>
                    Fail(AttestationFailureReason.TokenLifetimeInvalid, "The attestation token is expired or not yet valid.", result.Exception),
                SecurityTokenInvalidIssuerException => Fail(AttestationFailureReason.TokenIssuerUntrusted, "The attestation token's issuer is not trusted.", result.Exception),
                _ => Fail(AttestationFailureReason.TokenInvalid, "The attestation token's signature does not verify under the provider's keys.", result.Exception),
            };
        }

        using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.EncodedPayload));
        return Map(payload.RootElement, jwt.Issuer);
    }

    private async Task<TokenValidationResult> ValidateWithKeysAsync(string token, Uri provider, bool forceRefresh, CancellationToken cancellationToken)
    {
        var signingKeys = await keys.GetAsync(provider, forceRefresh, cancellationToken);
        var parameters = new TokenValidationParameters
        {
            ValidIssuers = [provider.AbsoluteUri, provider.AbsoluteUri.TrimEnd('/')],
            ValidateIssuer = true,
            ValidateAudience = false,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = false,
            IssuerSigningKeys = signingKeys,
            ValidAlgorithms = options.AllowedAlgorithms.Where(a => !string.Equals(a, "none", StringComparison.OrdinalIgnoreCase)).ToList(),
            ClockSkew = options.ClockSkew,
            LifetimeValidator = (notBefore, expires, _, _) => LifetimeHolds(notBefore, expires),
            TryAllIssuerSigningKeys = true,
        };
        return await _handler.ValidateTokenAsync(token, parameters);
    }

    private bool LifetimeHolds(DateTime? notBefore, DateTime? expires)
    {
        // Compare whole durations (TotalSeconds), not the seconds component of a TimeSpan.
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var skew = options.ClockSkew.TotalSeconds;
        if (expires is not { } exp || (now - exp.ToUniversalTime()).TotalSeconds > skew)
        {
            return false;
        }

        return notBefore is not { } nbf || (nbf.ToUniversalTime() - now).TotalSeconds <= skew;
    }

    private static bool SameIssuer(Uri provider, string issuer) =>
        string.Equals(provider.AbsoluteUri.TrimEnd('/'), issuer.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    /// <summary>Maps a validated token payload onto the normalised claims.</summary>
    /// <exception cref="AttestationVerificationException">The payload is not an SEV-SNP VM attestation.</exception>
    public static AttestationClaims Map(JsonElement payload, string issuer)
    {
        var tee = payload;
        if (!IsSevSnp(payload) && payload.TryGetProperty("x-ms-isolation-tee", out var isolation) && isolation.ValueKind == JsonValueKind.Object)
        {
            tee = isolation;
        }

        if (!IsSevSnp(tee))
        {
            throw Fail(AttestationFailureReason.TokenAttestationTypeUnsupported, "The attestation token is not for an SEV-SNP VM (x-ms-attestation-type).");
        }

        var runtime = payload.TryGetProperty("x-ms-runtime", out var r) && r.ValueKind == JsonValueKind.Object ? r
            : tee.TryGetProperty("x-ms-runtime", out var tr) && tr.ValueKind == JsonValueKind.Object ? tr : (JsonElement?)null;
        byte[]? userData = null;
        if (runtime is { } rt && rt.TryGetProperty("user-data", out var ud) && ud.ValueKind == JsonValueKind.String)
        {
            userData = Hex(ud.GetString(), 64, "x-ms-runtime.user-data");
        }

        return new AttestationClaims
        {
            EvidenceKind = EvidenceKind.MaaToken,
            Measurement = Bytes(tee, "x-ms-sevsnpvm-launchmeasurement", 48),
            HostData = Bytes(tee, "x-ms-sevsnpvm-hostdata", 32),
            ReportData = Bytes(tee, "x-ms-sevsnpvm-reportdata", 64),
            IdKeyDigest = Bytes(tee, "x-ms-sevsnpvm-idkeydigest", 48),
            AuthorKeyDigest = Bytes(tee, "x-ms-sevsnpvm-authorkeydigest", 48),
            FamilyId = Bytes(tee, "x-ms-sevsnpvm-familyId", 16),
            ImageId = Bytes(tee, "x-ms-sevsnpvm-imageId", 16),
            GuestSvn = (uint)Number(tee, "x-ms-sevsnpvm-guestsvn", uint.MaxValue),
            Vmpl = (uint)Number(tee, "x-ms-sevsnpvm-vmpl", uint.MaxValue),
            Debuggable = Bool(tee, "x-ms-sevsnpvm-is-debuggable"),
            MigrationAgentAllowed = Bool(tee, "x-ms-sevsnpvm-migration-allowed"),
            SmtAllowed = Bool(tee, "x-ms-sevsnpvm-smt-allowed"),
            ReportedTcb = new TcbComponents(
                BootLoader: (byte)Number(tee, "x-ms-sevsnpvm-bootloader-svn", byte.MaxValue),
                Tee: (byte)Number(tee, "x-ms-sevsnpvm-tee-svn", byte.MaxValue),
                Snp: (byte)Number(tee, "x-ms-sevsnpvm-snpfw-svn", byte.MaxValue),
                Microcode: (byte)Number(tee, "x-ms-sevsnpvm-microcode-svn", byte.MaxValue)),
            RuntimeJson = runtime?.GetRawText(),
            RuntimeUserData = userData,
            MaaIssuer = issuer,
            MaaComplianceStatus = String(tee, "x-ms-compliance-status") ?? String(payload, "x-ms-compliance-status"),
        };
    }

    private static bool IsSevSnp(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("x-ms-attestation-type", out var type) &&
        type.ValueKind == JsonValueKind.String && string.Equals(type.GetString(), SevSnpVm, StringComparison.Ordinal);

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[] Bytes(JsonElement element, string name, int length) =>
        Hex(String(element, name) ?? throw Missing(name), length, name);

    private static byte[] Hex(string? hex, int length, string name)
    {
        if (hex is null || hex.Length != 2 * length)
        {
            throw Fail(AttestationFailureReason.TokenInvalid, $"Token claim {name} must be {length} bytes of hex.");
        }

        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException e)
        {
            throw Fail(AttestationFailureReason.TokenInvalid, $"Token claim {name} is not hex.", e);
        }
    }

    private static long Number(JsonElement element, string name, long max)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            throw Missing(name);
        }

        long number;
        var ok = value.ValueKind == JsonValueKind.Number ? value.TryGetInt64(out number)
            : value.ValueKind == JsonValueKind.String & long.TryParse(value.ValueKind == JsonValueKind.String ? value.GetString() : null, NumberStyles.None, CultureInfo.InvariantCulture, out number);
        if (!ok || number < 0 || number > max)
        {
            throw Fail(AttestationFailureReason.TokenInvalid, $"Token claim {name} is not an integer in 0..{max}.");
        }

        return number;
    }

    private static bool Bool(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Fail(AttestationFailureReason.TokenInvalid, $"Token claim {name} is not a boolean."),
        } : throw Missing(name);

    private static AttestationVerificationException Missing(string name) =>
        Fail(AttestationFailureReason.TokenInvalid, $"The attestation token lacks the claim {name}.");

    private static AttestationVerificationException Fail(AttestationFailureReason reason, string message, Exception? inner = null) => new(reason, message, inner);
}
