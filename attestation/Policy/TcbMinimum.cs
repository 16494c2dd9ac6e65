namespace Governance.Attestation.Policy;

/// <summary>
/// Minimum security patch level per TCB component; a null component is not checked. Either one set of components
/// for every product, or one set per product (<see cref="Milan"/>, <see cref="Genoa"/>, <see cref="Turin"/>),
/// because each generation numbers its SPLs on its own scale.
/// </summary>
public sealed record TcbMinimum
{
    public byte? BootLoader { get; init; }

    public byte? Tee { get; init; }

    public byte? Snp { get; init; }

    public byte? Microcode { get; init; }

    /// <summary>Turin only; ignored for products without FMC.</summary>
    public byte? Fmc { get; init; }

    /// <summary>The minimum for Milan, in the per-product form.</summary>
    public TcbMinimum? Milan { get; init; }

    /// <summary>The minimum for Genoa, in the per-product form.</summary>
    public TcbMinimum? Genoa { get; init; }

    /// <summary>The minimum for Turin, in the per-product form.</summary>
    public TcbMinimum? Turin { get; init; }

    /// <summary>True in the per-product form.</summary>
    public bool IsPerProduct => Milan is not null || Genoa is not null || Turin is not null;

    /// <summary>True when a component is given (the single form).</summary>
    public bool HasComponents => BootLoader is not null || Tee is not null || Snp is not null || Microcode is not null || Fmc is not null;

    /// <summary>The minimum that applies to <paramref name="product"/>: the single form for any product, or the product's entry (null when it has none).</summary>
    public TcbMinimum? For(SnpProduct? product) => !IsPerProduct ? this : product switch
    {
        SnpProduct.Milan => Milan,
        SnpProduct.Genoa => Genoa,
        SnpProduct.Turin => Turin,
        _ => null,
    };
}
