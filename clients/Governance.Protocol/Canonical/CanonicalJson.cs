namespace Governance.Protocol.Canonical;

/// <summary>
/// RFC 8785 JSON Canonicalization Scheme: the one byte form of a JSON value that digests and signatures
/// are computed over, whatever key order or whitespace the author used.
/// </summary>
public static class CanonicalJson
{
    public static byte[] Serialize(JsonElement element)
    {
        var builder = new StringBuilder();
        Write(builder, element);
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    public static byte[] Serialize(JsonNode? node)
    {
        using var document = JsonDocument.Parse(node?.ToJsonString() ?? "null");
        return Serialize(document.RootElement);
    }

    /// <summary>Serialises <paramref name="value"/> with <paramref name="options"/>, then canonicalises the result.</summary>
    public static byte[] Serialize<T>(T value, JsonSerializerOptions options)
    {
        var element = JsonSerializer.SerializeToElement(value, options);
        return Serialize(element);
    }

    /// <summary>Parses UTF-8 JSON text and returns its canonical form; duplicate keys are refused.</summary>
    public static byte[] Canonicalize(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        using var document = JsonDocument.ParseValue(ref reader);
        return Serialize(document.RootElement);
    }

    /// <summary>SHA-256 over the canonical form.</summary>
    public static byte[] Sha256(JsonElement element) => SHA256.HashData(Serialize(element));

    private static void Write(StringBuilder output, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(output, element);
                break;
            case JsonValueKind.Array:
                output.Append('[');
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first)
                    {
                        output.Append(',');
                    }

                    first = false;
                    Write(output, item);
                }

                output.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(output, element.GetString()!);
                break;
            case JsonValueKind.Number:
                output.Append(FormatNumber(element.GetDouble()));
                break;
            case JsonValueKind.True:
                output.Append("true");
                break;
            case JsonValueKind.False:
                output.Append("false");
                break;
            case JsonValueKind.Null:
                output.Append("null");
                break;
            default:
                throw new FormatException($"A JSON value of kind {element.ValueKind} cannot be canonicalised.");
        }
    }

    private static void WriteObject(StringBuilder output, JsonElement element)
    {
        var properties = element.EnumerateObject().ToList();
        // RFC 8785 §3.2.3: sort by the UTF-16 code units of the names; ordinal comparison does exactly that.
        properties.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        output.Append('{');
        for (var i = 0; i < properties.Count; i++)
        {
            if (i > 0)
            {
                if (string.Equals(properties[i - 1].Name, properties[i].Name, StringComparison.Ordinal))
                {
                    throw new FormatException($"Duplicate property '{properties[i].Name}' in JSON object.");
                }

                output.Append(',');
            }

            WriteString(output, properties[i].Name);
            output.Append(':');
            Write(output, properties[i].Value);
        }

        output.Append('}');
    }

    private static void WriteString(StringBuilder output, string value)
    {
        output.Append('"');
        foreach (var c in value)
        {
            if (ShortEscape(c) is { } escape)
            {
                output.Append(escape);
            }
            else if (c < 0x20)
            {
                output.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                output.Append(c);
            }
        }

        output.Append('"');
    }

    /// <summary>RFC 8785 §3.2.2.2: the characters with a two-character escape; other control characters take <c>\u00XX</c>.</summary>
    private static string? ShortEscape(char c) => c switch
    {
        '"' => "\\\"",
        '\\' => "\\\\",
        '\b' => "\\b",
        '\f' => "\\f",
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        _ => null,
    };

    /// <summary>ECMAScript Number.prototype.toString, as RFC 8785 §3.2.2.3 requires.</summary>
    public static string FormatNumber(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            throw new FormatException("NaN and infinities have no JSON form.");
        }

        if (value == 0)
        {
            return "0";
        }

        // "R" yields the shortest digits that round-trip; only its digits and exponent are used.
        var roundTrip = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = roundTrip.IndexOf('E', StringComparison.Ordinal);
        var mantissa = exponentAt < 0 ? roundTrip : roundTrip[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(roundTrip[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = point < 0 ? mantissa : mantissa.Remove(point, 1);
        var integerDigits = (point < 0 ? mantissa.Length : point) + exponent;
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        var n = integerDigits - leadingZeros; // value = 0.digits × 10^n
        var k = digits.Length;

        var sign = value < 0 ? "-" : "";
        string body;
        if (k <= n && n <= 21)
        {
            body = digits + new string('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            body = digits[..n] + "." + digits[n..];
        }
        else if (-6 < n && n <= 0)
        {
            body = "0." + new string('0', -n) + digits;
        }
        else
        {
            var e = n - 1;
            var exponentText = (e < 0 ? "-" : "+") + Math.Abs(e).ToString(CultureInfo.InvariantCulture);
            body = (k == 1 ? digits : digits[..1] + "." + digits[1..]) + "e" + exponentText;
        }

        return sign + body;
    }
}
