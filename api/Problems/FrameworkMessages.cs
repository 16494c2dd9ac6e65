namespace Governance.Api.Problems;

/// <summary>
/// The framework's and the serializer's messages for a malformed request say what went wrong and where, but also
/// name the .NET types involved (<c>Failed to read parameter "ProposalRequest request"</c>, <c>could not be mapped
/// to any .NET member contained in type 'Governance.Protocol…'</c>). Responses carry the what and where only.
/// </summary>
internal static partial class FrameworkMessages
{
    public static string WithoutTypeNames(string message)
    {
        message = ParameterWithType().Replace(message, "parameter \"$1\"");
        message = UnmappedMember().Replace(message, "is not a member of this request");
        message = ConvertedTo().Replace(message, "could not be read as the expected type");
        message = ForType().Replace(message, string.Empty);
        return message;
    }

    // parameter "ProposalRequest request" → parameter "request"; generic and nullable type names included.
    [GeneratedRegex("""parameter "[^"]*?\s([A-Za-z_][A-Za-z0-9_]*)"(?=[\s.,]|$)""")]
    private static partial Regex ParameterWithType();

    [GeneratedRegex("""could not be mapped to any \.NET member contained in type '[^']*'""")]
    private static partial Regex UnmappedMember();

    [GeneratedRegex("""could not be converted to [^\s]+?(?=\. |\.$|$)""")]
    private static partial Regex ConvertedTo();

    [GeneratedRegex(""" for type '[^']*'""")]
    private static partial Regex ForType();
}
