namespace Governance.Domain.Secrets;

/// <summary>
/// The one rule for a secret's name within its owner's namespace, used both where values are uploaded and where
/// contracts name them: 1–100 characters of letters, digits, '.', '_' and '-', starting with a letter or digit
/// (so a name is never '.', '..', or read as an option). A name one side accepted and the other refused could be
/// uploaded but never named by a contract, or named but never uploaded.
/// </summary>
public static class SecretName
{
    public const string Rule = "1–100 characters of letters, digits, '.', '_' or '-', starting with a letter or digit";

    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= SecretLimits.MaxNameLength && char.IsAsciiLetterOrDigit(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    public static string Validate(string? name)
    {
        if (!IsValid(name))
        {
            throw DomainException.Invalid($"A secret name is {Rule}.");
        }

        return name!;
    }
}
