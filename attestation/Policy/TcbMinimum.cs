namespace Governance.Attestation.Policy;

/// <summary>Minimum security patch level per TCB component; a null component is not checked.</summary>
public sealed record TcbMinimum
{
    public byte? BootLoader { get; init; }

    public byte? Tee { get; init; }

    public byte? Snp { get; init; }

    public byte? Microcode { get; init; }

    /// <summary>Turin only; ignored for products without FMC.</summary>
    public byte? Fmc { get; init; }
}
