namespace Governance.Api.Secrets;

/// <summary>Reads a secret value from a PUT body: raw bytes (application/octet-stream) or JSON {"valueBase64": …}.</summary>
internal static class SecretBodyReader
{
    /// <summary>Largest body accepted: a 64 KiB value in base64 inside JSON, with room for whitespace.</summary>
    public const long MaxBodyBytes = 96 * 1024;

    /// <summary>A compact JWE (RFC 7516) to the transit key of a service in confidential mode.</summary>
    public const string SealedMediaType = "application/jose";

    public static async Task<byte[]> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var mediaType = request.GetTypedHeaders().ContentType?.MediaType.Value;
        var confidential = request.HttpContext.RequestServices.GetRequiredService<IOptions<ConfidentialOptions>>().Value.Enabled;
        if (string.Equals(mediaType, SealedMediaType, StringComparison.OrdinalIgnoreCase))
        {
            if (!confidential)
            {
                throw DomainException.BadRequest("This service does not run in confidential mode, so it has no transit key to encrypt to.");
            }

            var jwe = Encoding.ASCII.GetString(await ReadBoundedAsync(request.Body, (int)MaxBodyBytes, cancellationToken));
            return SecretValue.Validate(request.HttpContext.RequestServices.GetRequiredService<ServiceIdentity>().OpenFromTransit(jwe.Trim()));
        }

        if (confidential)
        {
            // The operator of a confidential service must never see a value, so none may travel as plaintext to it.
            throw new DomainException(ErrorKind.BadRequest, "Unsupported media type",
                $"In confidential mode a value is sent only encrypted to the service's attested transit key, as {SealedMediaType} "
                + "(governance secrets put --service-measurement HEX checks the service and encrypts).");
        }

        if (string.Equals(mediaType, "application/octet-stream", StringComparison.OrdinalIgnoreCase))
        {
            return SecretValue.Validate(await ReadBoundedAsync(request.Body, SecretLimits.MaxValueBytes, cancellationToken));
        }

        if (mediaType is not null && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
        {
            var json = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            var body = await ReadBoundedAsync(request.Body, (int)MaxBodyBytes, cancellationToken);
            var put = JsonSerializer.Deserialize<PutSecretRequest>(body, json)
                ?? throw DomainException.BadRequest("The body is null; send {\"valueBase64\": \"…\"}.");
            return SecretValue.FromBase64(put.ValueBase64);
        }

        throw new DomainException(ErrorKind.BadRequest, "Unsupported media type",
            "Send the value as application/octet-stream, or as application/json {\"valueBase64\": \"…\"}.");
    }

    private static async Task<byte[]> ReadBoundedAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw DomainException.Invalid($"A secret value is at most {SecretLimits.MaxValueBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
