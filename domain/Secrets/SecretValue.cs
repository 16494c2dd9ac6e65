namespace Governance.Domain.Secrets;

/// <summary>Rules for a secret's bytes; the bytes themselves never enter a message, a log or an audit entry.</summary>
public static class SecretValue
{
    public static byte[] Validate(byte[] value)
    {
        if (value.Length == 0)
        {
            throw DomainException.Invalid("A secret value is at least one byte.");
        }

        if (value.Length > SecretLimits.MaxValueBytes)
        {
            throw DomainException.Invalid($"A secret value is at most {SecretLimits.MaxValueBytes} bytes; this one has {value.Length}.");
        }

        return value;
    }

    public static byte[] FromBase64(string? valueBase64)
    {
        if (string.IsNullOrEmpty(valueBase64))
        {
            throw DomainException.Invalid("valueBase64 is required.");
        }

        // Decoding a too-long string would allocate before the limit check; refuse by length first.
        if (valueBase64.Length > ((SecretLimits.MaxValueBytes + 2) / 3 * 4) + 4)
        {
            throw DomainException.Invalid($"A secret value is at most {SecretLimits.MaxValueBytes} bytes.");
        }

        try
        {
            return Validate(Convert.FromBase64String(valueBase64));
        }
        catch (FormatException)
        {
            throw DomainException.Invalid("valueBase64 is not standard base64.");
        }
    }
}
