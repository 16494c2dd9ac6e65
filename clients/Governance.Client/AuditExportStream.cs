namespace Governance.Client;

/// <summary>An export being received: the signed head that covers it, and the entries as they stream in.</summary>
public sealed class AuditExportStream : IAsyncDisposable, IDisposable
{
    private readonly HttpResponseMessage response;

    internal AuditExportStream(HttpResponseMessage response, TreeHeadDto treeHead, Stream content)
    {
        this.response = response;
        TreeHead = treeHead;
        Content = content;
    }

    /// <summary>The signed tree head the export was cut against (header <c>Audit-Tree-Head</c>).</summary>
    public TreeHeadDto TreeHead { get; }

    /// <summary>The entries, JSON Lines or CSV as requested; read it to the end.</summary>
    public Stream Content { get; }

    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync();
        response.Dispose();
    }

    public void Dispose()
    {
        Content.Dispose();
        response.Dispose();
    }
}
