namespace Governance.Domain.Members;

/// <summary>Member ids are short slugs so they can be token issuers, URL segments and audit subjects unchanged.</summary>
public static partial class MemberId
{
    public const string Pattern = "^[a-z0-9][a-z0-9-]{1,62}$";

    public static bool IsValid(string? value) => value is not null && Slug().IsMatch(value);

    public static string Require(string? value, string field = "id") =>
        IsValid(value)
            ? value!
            : throw DomainException.Invalid($"'{(value is { Length: > 63 } ? value[..63] + "…" : value)}' is not a valid member id: lower-case letters, digits and '-', 2 to 63 characters, starting with a letter or digit.",
                new Dictionary<string, string[]> { [field] = [$"Must match {Pattern}."] });

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Slug();
}
