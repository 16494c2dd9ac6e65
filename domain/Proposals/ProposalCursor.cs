using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Governance.Domain.Proposals;

/// <summary>
/// Where a page of proposals (newest first) ended: the last proposal's creation time and id, which together order
/// proposals totally even when several share a timestamp. Opaque to clients (base64url).
/// </summary>
public readonly record struct ProposalCursor(DateTimeOffset CreatedAt, Guid Id)
{
    public override string ToString() =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(
            $"{CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}.{Id:N}"));

    public static bool TryParse(string text, out ProposalCursor cursor)
    {
        cursor = default;
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return false;
        }

        var parts = Encoding.ASCII.GetString(bytes).Split('.');
        if (parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks
            || !Guid.TryParseExact(parts[1], "N", out var id))
        {
            return false;
        }

        cursor = new ProposalCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
        return true;
    }
}
