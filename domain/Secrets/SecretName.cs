using Governance.Domain.Errors;
using Governance.Protocol.Secrets;

namespace Governance.Domain.Secrets;

/// <summary>A secret's name within its owner's namespace: letters, digits, '.', '_' and '-', up to 100 characters.</summary>
public static class SecretName
{
    public static string Validate(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > SecretLimits.MaxNameLength || name is "." or ".."
            || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            throw DomainException.Invalid(
                $"A secret name is 1–{SecretLimits.MaxNameLength} characters of letters, digits, '.', '_' and '-'.");
        }

        return name;
    }
}
