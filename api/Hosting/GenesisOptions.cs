namespace Governance.Api.Hosting;

/// <summary>Configuration section <c>Governance</c>.</summary>
public sealed class GenesisOptions
{
    public const string Section = "Governance";

    /// <summary>Path of the bootstrap (genesis) file read on the first start of an empty database.</summary>
    public string? BootstrapFile { get; set; }
}
