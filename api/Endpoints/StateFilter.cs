namespace Governance.Api.Endpoints;

/// <summary>
/// A listing's optional <c>state</c> query value: one of the enum's names in any case, never its number (a bare
/// number would otherwise parse as whatever member has it); anything else is a 400 that lists the names.
/// </summary>
internal static class StateFilter
{
    public static TState? Parse<TState>(string? state)
        where TState : struct, Enum
    {
        if (string.IsNullOrEmpty(state))
        {
            return null;
        }

        if (Enum.TryParse<TState>(state, ignoreCase: true, out var parsed) && !int.TryParse(state, out _))
        {
            return parsed;
        }

        var names = Enum.GetNames<TState>().Select(name => name.ToLowerInvariant()).ToArray();
        throw DomainException.BadRequest($"Unknown state '{state}'; use {string.Join(", ", names[..^1])} or {names[^1]}.");
    }
}
