namespace Governance.Attestation.Snp.Simulation;

/// <summary>Options of <see cref="SimulatedSnpPlatform"/>.</summary>
public sealed record SimulatedPlatformOptions
{
    /// <summary>RSA size of the simulated ARK/ASK/ASVK (AMD uses 4096; 2048 keeps test set-up fast).</summary>
    public int RsaKeySize { get; init; } = 2048;

    /// <summary>Start of every certificate's validity.</summary>
    public DateTimeOffset NotBefore { get; init; } = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The chip id (random when null).</summary>
    public byte[]? ChipId { get; init; }

    /// <summary>The platform TCB (a Milan-like level when null).</summary>
    public TcbVersion? Tcb { get; init; }
}
