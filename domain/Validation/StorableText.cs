namespace Governance.Domain.Validation;

/// <summary>
/// Text PostgreSQL can store: its text and jsonb types refuse U+0000, and its UTF-8 encoding has no form for an
/// unpaired UTF-16 surrogate. Input is checked against this before it reaches the database, so such a value is the
/// caller's 400 rather than a database error.
/// </summary>
public static class StorableText
{
    public static bool IsStorable(ReadOnlySpan<char> value) => FirstUnstorable(value) < 0;

    /// <summary>Index of the first U+0000 or unpaired surrogate, or -1.</summary>
    public static int FirstUnstorable(ReadOnlySpan<char> value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\0')
            {
                return i;
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return i;
            }
        }

        return -1;
    }
}
