namespace Governance.Api.Hosting;

/// <summary>
/// The XML documentation as API readers should see it: a <c>see cref</c> to a wire property reads as its JSON name
/// (<c>treeSize</c>), one to a type or any other member as its short name, never as a fully qualified .NET name.
/// </summary>
internal static class ReadableXmlComments
{
    public static XPathDocument Load(string path)
    {
        var document = XDocument.Load(path);
        foreach (var reference in document.Descendants().Where(e => e.Name.LocalName is "see" or "seealso").ToList())
        {
            var text = reference.Value is { Length: > 0 } inner ? inner : Readable((string?)reference.Attribute("cref"), (string?)reference.Attribute("langword"));
            reference.ReplaceWith(new XElement("c", text));
        }

        using var reader = document.CreateReader();
        return new XPathDocument(reader);
    }

    /// <summary><c>P:Ns.Type.Member</c> → <c>member</c>; <c>M:Ns.Type.Method(args)</c> → <c>Method</c>; <c>T:Ns.Type</c> → <c>Type</c>.</summary>
    private static string Readable(string? cref, string? langword)
    {
        if (cref is null)
        {
            return langword ?? "";
        }

        var kind = cref.Length > 2 && cref[1] == ':' ? cref[0] : 'T';
        var name = cref.Length > 2 && cref[1] == ':' ? cref[2..] : cref;
        var arguments = name.IndexOf('(', StringComparison.Ordinal);
        if (arguments >= 0)
        {
            name = name[..arguments];
        }

        var last = name[(name.LastIndexOf('.') + 1)..];
        var generic = last.IndexOf('`', StringComparison.Ordinal);
        if (generic >= 0)
        {
            last = last[..generic];
        }

        return kind == 'P' && last.Length > 0 ? char.ToLowerInvariant(last[0]) + last[1..] : last;
    }
}
