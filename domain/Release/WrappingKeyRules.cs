using Base64Url = System.Buffers.Text.Base64Url;

namespace Governance.Domain.Release;

/// <summary>Which wrapping keys a clean room may present: RSA 3072–4096 bits, or EC P-384; public members only.</summary>
public static class WrappingKeyRules
{
    public const int MinimumRsaBits = 3072;
    public const int MaximumRsaBits = 4096;

    public static void Validate(WrappingKey key)
    {
        if (key.D is not null)
        {
            throw DomainException.BadRequest("The wrapping key carries a private member ('d'); send only the public key.");
        }

        switch (key.Kty)
        {
            case "RSA":
                var modulus = Decode(key.N, "n");
                var exponent = Decode(key.E, "e");
                // RFC 7518 §6.3.1: n and e are minimal big-endian integers. A leading zero octet would give one key
                // several thumbprints, so several bindings.
                if (modulus is [0, ..] || exponent is [0, ..])
                {
                    throw DomainException.Invalid("The RSA wrapping key's 'n' and 'e' are minimal big-endian integers, with no leading zero octet.");
                }

                // An RSA modulus is the product of two odd primes; an even one is no key, and encrypting to it fails.
                if (modulus.Length == 0 || (modulus[^1] & 1) == 0)
                {
                    throw DomainException.Invalid("The RSA wrapping key's modulus is even, so it is not an RSA key.");
                }

                var bits = (modulus.Length * 8) - (modulus.Length == 0 ? 0 : System.Numerics.BitOperations.LeadingZeroCount((uint)modulus[0]) - 24);
                if (bits is < MinimumRsaBits or > MaximumRsaBits)
                {
                    throw DomainException.Invalid($"An RSA wrapping key has {MinimumRsaBits}–{MaximumRsaBits} bits; this one has {bits}.");
                }

                if (exponent.Length is 0 or > 4 || (exponent[^1] & 1) == 0 || (exponent.Length == 1 && exponent[0] < 3))
                {
                    throw DomainException.Invalid("The RSA wrapping key's public exponent is not acceptable.");
                }

                break;
            case "EC":
                if (key.Crv != "P-384" || Decode(key.X, "x").Length != 48 || Decode(key.Y, "y").Length != 48)
                {
                    throw DomainException.Invalid("An EC wrapping key is on curve P-384 with 48-byte coordinates.");
                }

                break;
            default:
                throw DomainException.Invalid($"Wrapping key type '{key.Kty}' is not supported; use RSA (3072–4096 bits) or EC P-384.");
        }

        if (key.Use is not null && key.Use != "enc")
        {
            throw DomainException.Invalid("The wrapping key's 'use' must be 'enc' when present.");
        }
    }

    private static byte[] Decode(string? value, string member)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw DomainException.BadRequest($"The wrapping key lacks its '{member}' member.");
        }

        try
        {
            return Base64Url.DecodeFromChars(value);
        }
        catch (FormatException)
        {
            throw DomainException.BadRequest($"The wrapping key's '{member}' member is not base64url.");
        }
    }
}
