namespace Governance.Api.Endpoints;

/// <summary>
/// The one way lists page: <c>cursor</c> is the opaque position of the last item of the previous page (a number this
/// service gave out), <c>limit</c> the page size. A list fetches one item more than <see cref="Limit"/> to know whether
/// another page exists, so <c>nextCursor</c> is null exactly on the last page, even when that page is full.
/// </summary>
internal readonly record struct PageRequest(long? After, int Limit)
{
    public static PageRequest Parse(string? cursor, int? limit, int defaultLimit, int maxLimit)
    {
        long? after = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            after = long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var position)
                ? position
                : throw DomainException.BadRequest("The cursor is not one this service gave out.");
        }

        var size = limit ?? defaultLimit;
        return size >= 1 && size <= maxLimit
            ? new PageRequest(after, size)
            : throw DomainException.BadRequest($"limit must be between 1 and {maxLimit}.");
    }

    /// <summary>The page out of <paramref name="fetched"/> (up to <see cref="Limit"/> + 1 items) and the cursor of the next one, if any.</summary>
    public (IReadOnlyList<T> Items, string? NextCursor) Cut<T>(IReadOnlyList<T> fetched, Func<T, long> position)
    {
        ArgumentNullException.ThrowIfNull(fetched);
        ArgumentNullException.ThrowIfNull(position);
        if (fetched.Count <= Limit)
        {
            return (fetched, null);
        }

        var items = fetched.Take(Limit).ToList();
        return (items, position(items[^1]).ToString(CultureInfo.InvariantCulture));
    }
}
